"""The ``notice`` command: argv in, library calls out. No behaviour lives here."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from . import markdown
from .errors import NoticeError
from .extract import extract, write_atomically

log = logging.getLogger("notice")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="notice", description="Publish legal notices from PDF to a multilingual site.")
    parser.add_argument("--locales", type=Path, default=Path("locales"), help="gettext catalogs folder (default: locales)")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors")
    sub = parser.add_subparsers(dest="command", required=True)

    ext = sub.add_parser("extract", help="PDF to structured Markdown")
    ext.add_argument("sources", nargs="+", type=Path, metavar="SOURCE.pdf")
    ext.add_argument("--lang", required=True, help="language of the PDF (BCP 47 / Babel code, e.g. sv)")
    ext.add_argument("--out", type=Path, help="output Markdown file (default: standard output)")
    ext.add_argument("--ids-from", type=Path, help="source-language Markdown whose section ids to reuse by position")
    ext.add_argument("--password", default="", help="user password of an encrypted PDF")
    return parser


def cmd_extract(args: argparse.Namespace) -> int:
    if len(args.sources) != 1:
        raise NoticeError("extract takes one SOURCE.pdf for now")
    source = args.sources[0]
    notice = extract(source, args.lang, args.locales, ids_from=args.ids_from, password=args.password)
    text = markdown.to_markdown(notice)
    if args.out is None:
        sys.stdout.write(text)
    else:
        write_atomically(args.out, text)
        log.info("%s: %d sections written to %s", source, len(notice.sections), args.out)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.ERROR if args.quiet else logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        return {"extract": cmd_extract}[args.command](args)
    except NoticeError as err:
        print(f"notice: error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
