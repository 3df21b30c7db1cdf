"""The repository's VCL for one gunicorn port and the configured admin path.

Used by deploy/serve.sh (``python -m deploy.render_vcl --backend-port 8001 > portal.vcl``, the admin path from
the Django settings), the serving tests and the benchmark, so that all of them run the same Varnish rules.
"""

import argparse
import re
import sys
from pathlib import Path

VCL = Path(__file__).resolve().parent / "varnish" / "portal.vcl"


def render_vcl(backend_port, admin_path="admin"):
    """portal.vcl with the backend at ``backend_port`` and the admin passed at ``/<admin_path>/``."""
    vcl, ports = re.subn(r'(\.port\s*=\s*")\d+(";)', rf"\g<1>{int(backend_port)}\g<2>", VCL.read_text())
    # ADMIN_PATH is lower-case words and hyphens (settings/base.py): nothing to escape in a VCL regex.
    vcl, passes = re.subn(r'"\^/\(admin\|', lambda _: f'"^/({admin_path}|', vcl)
    if ports != 1 or passes != 1:
        raise ValueError(f"{VCL}: expected one backend .port and one admin pass rule, found {ports} and {passes}")
    return vcl


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend-port", type=int, required=True)
    args = parser.parse_args(argv)
    from django.conf import settings  # DJANGO_SETTINGS_MODULE from the environment

    sys.stdout.write(render_vcl(args.backend_port, settings.ADMIN_PATH))


if __name__ == "__main__":
    main()
