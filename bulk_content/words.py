"""German vocabulary the generator composes titles, teasers and texts from.

Lists only, in a fixed order: the generator draws from them with a seeded random
generator, so reordering or extending a list changes the generated tree.
"""

# (section title, its subjects as (subject, "zu" phrase)). The "zu" phrase is what
# "Informationen …" needs: "zur Sprachförderung", "zum Ehrenamt", "zu Integrationskursen".
SECTIONS = [
    ("Bildung und Sprache", [
        ("Sprachförderung", "zur Sprachförderung"),
        ("Integrationskurse", "zu Integrationskursen"),
        ("Hausaufgabenhilfe", "zur Hausaufgabenhilfe"),
        ("Schulanmeldung", "zur Schulanmeldung"),
        ("Mehrsprachigkeit", "zur Mehrsprachigkeit"),
        ("Alphabetisierung", "zur Alphabetisierung"),
        ("Bildungsberatung", "zur Bildungsberatung"),
    ]),
    ("Arbeit und Beruf", [
        ("Anerkennung ausländischer Abschlüsse", "zur Anerkennung ausländischer Abschlüsse"),
        ("Berufsorientierung", "zur Berufsorientierung"),
        ("Ausbildungsberatung", "zur Ausbildungsberatung"),
        ("Existenzgründung", "zur Existenzgründung"),
        ("Arbeitsmarktintegration", "zur Arbeitsmarktintegration"),
        ("Berufssprachkurse", "zu Berufssprachkursen"),
        ("Übergang von der Schule in den Beruf", "zum Übergang von der Schule in den Beruf"),
    ]),
    ("Familie und Kinder", [
        ("Frühe Hilfen", "zu Frühen Hilfen"),
        ("Kinderbetreuung", "zur Kinderbetreuung"),
        ("Elternarbeit", "zur Elternarbeit"),
        ("Familienberatung", "zur Familienberatung"),
        ("Erziehungsberatung", "zur Erziehungsberatung"),
        ("Kita-Anmeldung", "zur Kita-Anmeldung"),
        ("Ferienangebote", "zu Ferienangeboten"),
    ]),
    ("Gesundheit und Pflege", [
        ("Gesundheitsberatung", "zur Gesundheitsberatung"),
        ("Impfberatung", "zur Impfberatung"),
        ("Pflegeberatung", "zur Pflegeberatung"),
        ("psychosoziale Beratung", "zur psychosozialen Beratung"),
        ("Suchtprävention", "zur Suchtprävention"),
        ("Gesundheitsvorsorge", "zur Gesundheitsvorsorge"),
        ("Sprachmittlung im Gesundheitswesen", "zur Sprachmittlung im Gesundheitswesen"),
    ]),
    ("Wohnen und Nachbarschaft", [
        ("Wohnungssuche", "zur Wohnungssuche"),
        ("Wohngeld", "zum Wohngeld"),
        ("Quartiersarbeit", "zur Quartiersarbeit"),
        ("Nachbarschaftshilfe", "zur Nachbarschaftshilfe"),
        ("Mieterberatung", "zur Mieterberatung"),
        ("Stadtteilfeste", "zu Stadtteilfesten"),
        ("Wohnungsnotfallhilfe", "zur Wohnungsnotfallhilfe"),
    ]),
    ("Aufenthalt und Einbürgerung", [
        ("Einbürgerung", "zur Einbürgerung"),
        ("Aufenthaltsrecht", "zum Aufenthaltsrecht"),
        ("Familiennachzug", "zum Familiennachzug"),
        ("Visa-Angelegenheiten", "zu Visa-Angelegenheiten"),
        ("Beschäftigungserlaubnis", "zur Beschäftigungserlaubnis"),
        ("Asylverfahren", "zum Asylverfahren"),
        ("Niederlassungserlaubnis", "zur Niederlassungserlaubnis"),
    ]),
    ("Engagement und Ehrenamt", [
        ("Ehrenamt", "zum Ehrenamt"),
        ("Integrationslotsen", "zu Integrationslotsen"),
        ("Patenschaften", "zu Patenschaften"),
        ("Migrantenorganisationen", "zu Migrantenorganisationen"),
        ("Vereinsgründung", "zur Vereinsgründung"),
        ("Freiwilligendienste", "zu Freiwilligendiensten"),
        ("Bürgerbeteiligung", "zur Bürgerbeteiligung"),
    ]),
    ("Vielfalt und Antidiskriminierung", [
        ("Antidiskriminierungsarbeit", "zur Antidiskriminierungsarbeit"),
        ("Rassismusprävention", "zur Rassismusprävention"),
        ("interkulturelle Öffnung", "zur interkulturellen Öffnung"),
        ("Demokratieförderung", "zur Demokratieförderung"),
        ("interreligiöser Dialog", "zum interreligiösen Dialog"),
        ("Gleichstellung", "zur Gleichstellung"),
        ("Beschwerdemanagement", "zum Beschwerdemanagement"),
    ]),
    ("Kultur, Sport und Freizeit", [
        ("Kulturarbeit", "zur Kulturarbeit"),
        ("Sportangebote", "zu Sportangeboten"),
        ("Schwimmkurse", "zu Schwimmkursen"),
        ("Stadtteilbibliotheken", "zu Stadtteilbibliotheken"),
        ("Jugendfreizeit", "zur Jugendfreizeit"),
        ("Musikschule", "zur Musikschule"),
        ("interkulturelle Feste", "zu interkulturellen Festen"),
    ]),
    ("Beratung und Hilfe", [
        ("Sozialberatung", "zur Sozialberatung"),
        ("Schuldnerberatung", "zur Schuldnerberatung"),
        ("Migrationsberatung", "zur Migrationsberatung"),
        ("Opferberatung", "zur Opferberatung"),
        ("Rechtsberatung", "zur Rechtsberatung"),
        ("Dolmetscherdienste", "zu Dolmetscherdiensten"),
        ("Flüchtlingshilfe", "zur Flüchtlingshilfe"),
    ]),
    ("Jugend und Schule", [
        ("Schulsozialarbeit", "zur Schulsozialarbeit"),
        ("Jugendberatung", "zur Jugendberatung"),
        ("Seiteneinstieg in die Schule", "zum Seiteneinstieg in die Schule"),
        ("Lernförderung", "zur Lernförderung"),
        ("Jugendbeteiligung", "zur Jugendbeteiligung"),
        ("Offener Ganztag", "zum Offenen Ganztag"),
        ("Bildung und Teilhabe", "zu Bildung und Teilhabe"),
    ]),
    ("Senioren und Pflege im Alter", [
        ("Seniorenarbeit", "zur Seniorenarbeit"),
        ("kultursensible Pflege", "zur kultursensiblen Pflege"),
        ("Wohnen im Alter", "zum Wohnen im Alter"),
        ("Seniorentreffs", "zu Seniorentreffs"),
        ("Demenzberatung", "zur Demenzberatung"),
        ("Hilfe im Haushalt", "zur Hilfe im Haushalt"),
        ("Begegnung der Generationen", "zur Begegnung der Generationen"),
    ]),
]

# Who an offer is for; the phrase without "für " is a plural noun that can start a sentence.
GROUPS = [
    "für Familien",
    "für Jugendliche",
    "für Kinder",
    "für Eltern",
    "für Frauen",
    "für Seniorinnen und Senioren",
    "für Geflüchtete",
    "für Neuzugewanderte",
    "für Studierende",
    "für Auszubildende",
    "für Fachkräfte",
    "für Ehrenamtliche",
    "für Vereine",
    "für Alleinerziehende",
    "für Menschen mit Behinderung",
    "für Schülerinnen und Schüler",
    "für Arbeitsuchende",
    "für Lehrkräfte",
]

# Dortmund's districts and quarters: (name, "in …" phrase, postcode).
DISTRICTS = [
    ("Nordstadt", "in der Nordstadt", "44145"),
    ("Innenstadt-West", "in der Innenstadt-West", "44137"),
    ("Innenstadt-Ost", "in der Innenstadt-Ost", "44139"),
    ("Eving", "in Eving", "44339"),
    ("Scharnhorst", "in Scharnhorst", "44328"),
    ("Brackel", "in Brackel", "44309"),
    ("Aplerbeck", "in Aplerbeck", "44287"),
    ("Hörde", "in Hörde", "44263"),
    ("Hombruch", "in Hombruch", "44225"),
    ("Lütgendortmund", "in Lütgendortmund", "44388"),
    ("Huckarde", "in Huckarde", "44369"),
    ("Mengede", "in Mengede", "44359"),
    ("Hafen", "im Hafenviertel", "44147"),
    ("Westerfilde", "in Westerfilde", "44357"),
    ("Dorstfeld", "in Dorstfeld", "44149"),
    ("Kirchlinde", "in Kirchlinde", "44379"),
    ("Wambel", "in Wambel", "44143"),
    ("Körne", "in Körne", "44141"),
    ("Marten", "in Marten", "44379"),
    ("Derne", "in Derne", "44329"),
    ("Brechten", "in Brechten", "44339"),
    ("Wickede", "in Wickede", "44319"),
    ("Asseln", "in Asseln", "44319"),
    ("Berghofen", "in Berghofen", "44269"),
    ("Schüren", "in Schüren", "44269"),
    ("Barop", "in Barop", "44225"),
    ("Kley", "in Kley", "44149"),
    ("Borsigplatz", "am Borsigplatz", "44145"),
    ("Kreuzviertel", "im Kreuzviertel", "44139"),
    ("Clarenberg", "in Clarenberg", "44263"),
]

# Formats a page may be about: "Beratungsangebote zur Sprachförderung".
FORMATS = [
    "Beratungsangebote",
    "Fragen und Antworten",
    "Anlaufstellen",
    "Projekte",
    "Kurse und Workshops",
    "Veranstaltungen",
    "Materialien",
    "Hinweise",
    "Angebote",
    "Netzwerke",
]

# Offices: (kind, abbreviation for the short name).
OFFICE_KINDS = [
    ("Familienbüro", "FB"),
    ("Bürgerbüro", "BB"),
    ("Seniorenbüro", "SB"),
    ("Stadtteilbüro", "STB"),
    ("Quartiersbüro", "QB"),
    ("Bildungsbüro", "BiB"),
    ("Integrationsagentur", "IA"),
    ("Fachstelle", "FS"),
    ("Beratungsstelle", "BS"),
    ("Servicestelle", "SVS"),
    ("Koordinierungsstelle", "KS"),
    ("Kontaktstelle", "KTS"),
    ("Jugendfreizeitstätte", "JFS"),
    ("Stadtteilbibliothek", "STBib"),
]
SUB_OFFICE_KINDS = ["Team", "Sachgebiet", "Abteilung", "Arbeitsbereich"]

# Committees: (kind, CommitteePage.Kind value).
COMMITTEE_KINDS = [
    ("Arbeitskreis", "netzwerk"),
    ("Runder Tisch", "netzwerk"),
    ("Netzwerk", "netzwerk"),
    ("Fachforum", "netzwerk"),
    ("Beirat", "beirat"),
    ("Fachbeirat", "beirat"),
    ("Steuerungsgruppe", "gremium"),
    ("Arbeitsgemeinschaft", "gremium"),
    ("Kommission", "gremium"),
    ("Städtekooperation", "staedtekooperation"),
]
MEETING_RHYTHMS = [("monatlich", 30), ("alle zwei Monate", 60), ("vierteljährlich", 91), ("zweimal im Jahr", 182)]
LEGAL_BASES = [
    "§ 27 GO NRW", "§ 57 GO NRW", "§ 78 SGB VIII", "Beschluss des Rates der Stadt Dortmund", "Geschäftsordnung",
]
MEETING_PLACES = [
    "Rathaus, Saal Westfalen",
    "Rathaus, Saal Hansekammer",
    "Berswordthalle, Raum 1.20",
    "Stadthaus, Konferenzraum 3",
    "Bürgerhaus, großer Saal",
    "Dietrich-Keuning-Haus, Raum 2",
    "online",
]

ORGANISATION_KINDS = [
    "Verein für Nachbarschaftshilfe",
    "Elternnetzwerk",
    "Bildungswerk",
    "Kulturverein",
    "Sportverein",
    "Jugendverband",
    "Gemeindeverband",
    "Frauentreff",
    "Migrantenverein",
    "Begegnungszentrum",
    "Förderverein",
    "Stadtteilinitiative",
]

# Funding programs.
PROGRAM_PATTERNS = [
    "Förderprogramm {subject}",
    "Zuschüsse {zu}",
    "Projektförderung {subject} {district_name}",
    "Mikroprojekte {zu}",
    "Förderfonds {subject}",
    "Preis für Engagement {zu}",
    "Starthilfe {zu}",
]
FOUNDATIONS = [
    "Stiftung Nachbarschaft Dortmund",
    "Stiftung Vielfalt im Revier",
    "Stiftung Chancen für Kinder",
    "Westfälische Bildungsstiftung",
    "Stiftung Miteinander im Quartier",
]
OTHER_FUNDERS = ["Lotteriefonds Westfalen", "Verband der Wohnungsgesellschaften", "Förderverein Integration Dortmund"]
STATE_FUNDERS = [
    "Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration",
    "Ministerium für Arbeit, Gesundheit und Soziales",
    "Ministerium für Schule und Bildung",
]
FEDERAL_FUNDERS = ["Bundesamt für Migration und Flüchtlinge", "Bundesministerium für Bildung und Forschung"]
FUNDED_ITEMS = [
    "Sachkosten für Projekte",
    "Honorare für Fachkräfte",
    "Workshops und Seminare",
    "Fachveranstaltungen",
    "Kulturveranstaltungen",
    "Sprachcafés",
    "Fahrtkosten",
    "Öffentlichkeitsarbeit",
    "Mieten für Veranstaltungsräume",
    "Qualifizierung von Ehrenamtlichen",
    "Dolmetscherkosten",
    "Kinderbetreuung während der Angebote",
]
APPLICATION_STEPS = [
    ("Beratungsgespräch vereinbaren", "Wir besprechen Ihre Projektidee und klären, ob sie gefördert werden kann."),
    ("Antrag ausfüllen", "Füllen Sie das Antragsformular vollständig aus und legen Sie einen Kostenplan bei."),
    ("Antrag einreichen", "Senden Sie den Antrag fristgerecht per E-Mail oder per Post."),
    ("Bescheid abwarten", "Sie erhalten in der Regel innerhalb von sechs Wochen einen Bescheid."),
    ("Verwendungsnachweis einreichen",
     "Nach dem Ende des Projekts weisen Sie nach, wofür die Mittel verwendet wurden."),
]
# Target groups used when the vocabulary is still empty.
TARGET_GROUPS = ["Vereine", "Initiativen", "Migrantenorganisationen", "Schulen", "Wohlfahrtsverbände"]

# People.
FIRST_NAMES = [
    "Anna", "Ayşe", "Fatma", "Maria", "Elena", "Olga", "Sabine", "Petra", "Leyla", "Miriam", "Katarzyna",
    "Jana", "Nadia", "Sophie", "Hatice", "Thomas", "Mehmet", "Ahmet", "Michael", "Jan", "Ali", "Stefan",
    "Dimitri", "Andreas", "Murat", "Kemal", "Paul", "Lukas", "Yusuf", "Tobias",
]
LAST_NAMES = [
    "Müller", "Schmidt", "Yılmaz", "Kaya", "Schneider", "Fischer", "Demir", "Weber", "Nowak", "Meyer",
    "Wagner", "Öztürk", "Becker", "Hoffmann", "Şahin", "Koch", "Kowalski", "Richter", "Klein", "Wolf",
    "Çelik", "Neumann", "Schwarz", "Popescu", "Braun", "Zimmermann", "Krüger", "Hartmann", "Ivanova", "Lange",
]
ROLES = ["Leitung", "Beratung", "Sachbearbeitung", "Koordination", "Sekretariat", "Projektleitung"]

# Buildings.
STREETS = [
    "Südwall", "Königswall", "Burgwall", "Hoher Wall", "Ostwall", "Kampstraße", "Olpe", "Hansastraße",
    "Münsterstraße", "Mallinckrodtstraße", "Evinger Straße", "Hörder Bahnhofstraße", "Märkische Straße",
    "Ruhrallee", "Westfalendamm", "Kaiserstraße", "Rheinische Straße", "Brackeler Hellweg", "Aplerbecker Straße",
    "Lütgendortmunder Hellweg", "Mengeder Straße", "Huckarder Straße", "Harkortstraße", "Stockumer Straße",
    "Wittbräucker Straße", "Semerteichstraße", "Leopoldstraße", "Schützenstraße", "Steinstraße", "Bornstraße",
    "Borsigstraße", "Oesterholzstraße", "Heiliger Weg", "Kirchderner Straße", "Flughafenstraße", "Emscherallee",
]
BUILDING_NAMES = ["", "", "", "Stadthaus", "Verwaltungsgebäude", "Bürgerhaus", "Haus der Vielfalt", "Begegnungszentrum"]
BUILDING_NOTES = [
    "", "", "Erdgeschoss", "1. Etage", "2. Etage, Raum 2.14", "Eingang über den Hof", "3. Etage, Aufzug vorhanden",
]
TRANSIT_STOPS = [
    ("Stadtgarten", "U41, U45, U47, U49"), ("Kampstraße", "U43, U44"), ("Münsterstraße", "U41"),
    ("Hörde Bahnhof", "U41, 430, 440"), ("Eving Zeche", "U41"), ("Brackel Kirche", "U43"),
    ("Aplerbeck", "U47"), ("Hombruch", "U42"), ("Huckarde Bushof", "U47"), ("Mengede Bahnhof", "S2, 470"),
]

# Offices' other details.
LANGUAGES = ["Englisch", "Türkisch", "Arabisch", "Russisch", "Polnisch", "Rumänisch", "Bulgarisch", "Ukrainisch",
             "Französisch", "Kurdisch", "Farsi"]
CLOSURE_NOTES = ["wegen einer Fortbildung", "wegen eines Betriebsausflugs", "zwischen Weihnachten und Neujahr",
                 "wegen Umbauarbeiten", ""]
HOURS_NOTE = "Eine Vorsprache ist nur nach vorheriger Terminvereinbarung möglich."

# Texts.
HEADINGS = [
    "Worum geht es?", "Wer kann teilnehmen?", "Ablauf", "Kosten", "Anmeldung", "Häufige Fragen",
    "Angebote im Stadtbezirk", "Hintergrund", "Was Sie mitbringen sollten", "Weitere Informationen",
    "Unsere Ziele", "So erreichen Sie uns",
]
# Placeholders: {subject}, {zu}, {group} (a plural noun, nominative or accusative), {district} ("in …"),
# {year}, {count}. A sentence starting with a placeholder is capitalised after filling in.
SENTENCES = [
    "Die Stadt Dortmund hat für {group} vielfältige Angebote {zu}.",
    "{group} erhalten hier Beratung und Unterstützung, kostenlos und auf Wunsch in ihrer Sprache.",
    "Seit {year} arbeiten städtische Stellen und freie Träger {district} eng zusammen.",
    "Die Angebote {zu} richten sich an alle, die in Dortmund leben.",
    "Viele Fragen lassen sich schon im ersten Gespräch klären.",
    "Bitte vereinbaren Sie vorab einen Termin, damit wir uns Zeit für Ihr Anliegen nehmen können.",
    "Wer Unterstützung {zu} sucht, findet {district} mehrere Anlaufstellen.",
    "Die Beratung ist vertraulich und unabhängig von Ihrem Aufenthaltsstatus.",
    "Bei Bedarf vermitteln wir Dolmetscherinnen und Dolmetscher.",
    "Das Thema {subject} ist ein Schwerpunkt des Masterplans Migration/Integration.",
    "Gemeinsam mit Vereinen und Initiativen entwickeln wir die Angebote laufend weiter.",
    "Informationen {zu} gibt es auch in Leichter Sprache.",
    "Im Jahr {year} haben mehr als {count} Menschen die Angebote genutzt.",
    "Die Teilnahme ist freiwillig und kostenlos.",
    "Eine Kinderbetreuung während der Termine ist nach Absprache möglich.",
    "Ehrenamtliche begleiten {group} {district} bei den ersten Schritten.",
    "Ansprechpersonen und Öffnungszeiten finden Sie im Kasten „Anschrift und Erreichbarkeit“.",
    "Aktuelle Termine werden rechtzeitig auf dieser Seite bekannt gegeben.",
]
LINK_SENTENCES = [
    "Mehr dazu lesen Sie unter {link}.",
    "Weitere Angebote finden Sie auf der Seite {link}.",
    "Hilfreich ist auch die Seite {link}.",
    "Siehe auch {link}.",
]
CHECKLIST = [
    "Personalausweis oder Reisepass", "Aufenthaltstitel", "Meldebescheinigung", "Nachweise über das Einkommen",
    "Zeugnisse und Abschlüsse", "Geburtsurkunden der Kinder", "Mietvertrag", "Bescheide des Jobcenters",
]
NOTICE_HEADINGS = ["Zum Thema", "Aktuell", "Neu", "Hinweis"]
NOTICE_SENTENCES = [
    "Am {date} beginnt ein neues Angebot {zu} {district}.",
    "Ab dem {date} gelten geänderte Sprechzeiten.",
    "Die nächste Informationsveranstaltung {zu} findet am {date} statt.",
]
QUOTES = [
    "Integration gelingt dort, wo Menschen sich begegnen.",
    "Sprache ist der Schlüssel zur Teilhabe.",
    "Jede und jeder soll in Dortmund die gleichen Chancen haben.",
    "Gute Beratung braucht Zeit und Vertrauen.",
]
TIMELINE_LABELS = ["Erste Phase", "Zweite Phase", "Dritte Phase", "Vierte Phase"]
# Placeholders: {zu}, {group} (" für …" or ""), {where} ("in …" or "in Dortmund").
TEASERS = [
    "Informationen {zu}{group} {where}.",
    "Angebote, Ansprechpersonen und Termine {zu}{group} {where}.",
    "Was die Stadt Dortmund {zu}{group} {where} anbietet und wer Ihnen weiterhilft.",
    "Alles Wichtige {zu}{group} {where} auf einen Blick.",
]
INTROS = [
    "Auf dieser Seite finden Sie Informationen {zu}{group} {where}.",
    "Hier erfahren Sie, welche Angebote es {zu}{group} {where} gibt und wie Sie daran teilnehmen.",
    "Die Stadt Dortmund und ihre Partner unterstützen Sie {where} mit Angeboten {zu}{group}.",
]
EXTERNAL_LINKS = [
    ("Integrationsportal des Landes NRW", "Informationen des Landes Nordrhein-Westfalen zur Integration.",
     "https://www.integration.nrw/"),
    ("Bundesamt für Migration und Flüchtlinge", "Informationen des Bundes zu Migration und Integration.",
     "https://www.bamf.de/"),
    ("Mein Weg nach Deutschland", "Ein mehrsprachiges Portal des Goethe-Instituts für Neuzugewanderte.",
     "https://www.goethe.de/prj/mwd/de/"),
    ("Anerkennung in Deutschland",
     "Das Portal der Bundesregierung zur Anerkennung ausländischer Berufsqualifikationen.",
     "https://www.anerkennung-in-deutschland.de/"),
]
# Weekly patterns: (weekday, until weekday or None, opens, closes, note); 0 is Monday.
OPENING_HOURS = [
    [(0, 4, "08:00", "12:00", "ohne Termin"), (1, None, "14:00", "16:00", "mit Termin"),
     (3, None, "14:00", "18:00", "mit Termin")],
    [(0, 3, "08:30", "15:30", ""), (4, None, "08:30", "12:00", "")],
    [(0, None, "09:00", "12:00", ""), (2, None, "09:00", "12:00", ""), (2, None, "14:00", "17:00", "mit Termin")],
    [(1, 2, "10:00", "13:00", "offene Sprechstunde"), (3, None, "15:00", "18:00", "")],
    [(0, 4, "09:00", "15:00", "")],
    [(0, 1, "08:00", "12:30", ""), (3, 4, "08:00", "12:30", ""), (3, None, "14:00", "17:30", "nur mit Termin")],
]
MEETING_TIMES = [("16:00", "18:00"), ("17:00", "19:30"), ("10:00", "12:00"), ("14:00", "16:30"), ("18:00", None)]
ROUND_OUTCOMES = [
    "Gefördert wurden {count} Projekte von Vereinen und Initiativen.",
    "Ausgezeichnet wurden {count} Projekte aus den Stadtbezirken.",
    "Die Jury wählte {count} Preisträgerinnen und Preisträger aus.",
]
