// Lets readers hide a notice they have read; the page works the same without this script.
(function () {
    "use strict";
    var storageKey = "ausgeblendeteHinweise";
    var hidden;
    try {
        hidden = JSON.parse(window.localStorage.getItem(storageKey) || "[]");
    } catch (error) {
        hidden = [];
    }
    document.querySelectorAll(".site-notice[data-notice]").forEach(function (notice) {
        var key = notice.getAttribute("data-notice");
        if (hidden.indexOf(key) !== -1) {
            notice.hidden = true;
            return;
        }
        var button = document.createElement("button");
        button.type = "button";
        button.className = "site-notice__dismiss";
        button.textContent = "Hinweis ausblenden";
        var title = notice.querySelector(".site-notice__title");
        if (title && title.id) {
            button.setAttribute("aria-describedby", title.id);
        }
        button.addEventListener("click", function () {
            notice.hidden = true;
            hidden.push(key);
            try {
                window.localStorage.setItem(storageKey, JSON.stringify(hidden.slice(-50)));
            } catch (error) {
                // Private mode: hidden for this page view only.
            }
            var main = document.getElementById("inhalt");
            if (main) {
                main.focus();
            }
        });
        notice.appendChild(button);
    });
})();
