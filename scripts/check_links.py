#!/usr/bin/env python3
"""check_links.py SITE_DIR: every relative href and src of every page names a file of the
site (not a folder, which file:// cannot open), every #fragment names an id of its target
page, and every page but index.html, 404.html and redirect pages (an alias's old address, with
<meta http-equiv="refresh">) is linked from another page."""
import html.parser
import os
import sys
import urllib.parse


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.refs = []
        self.redirect = False

    def handle_starttag(self, tag, attrs):
        if tag == "meta" and ("http-equiv", "refresh") in attrs:
            self.redirect = True
        for key, value in attrs:
            if key == "id" and value:
                self.ids.add(value)
            if key in ("href", "src") and value is not None:
                self.refs.append((value, self.getpos()[0]))

    handle_startendtag = handle_starttag


def main(root):
    root = os.path.realpath(root)
    pages = {}
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                page = Page()
                with open(path, encoding="utf-8") as f:
                    page.feed(f.read())
                pages[path] = page
    problems, linked = [], set()
    for path, page in sorted(pages.items()):
        where = os.path.relpath(path, root)
        for ref, line in page.refs:
            parts = urllib.parse.urlsplit(ref)
            if parts.scheme in ("http", "https", "mailto") or ref.startswith("//"):
                continue
            if parts.scheme:
                problems.append(f"{where}:{line}: {ref}: unexpected scheme")
                continue
            target = path if not parts.path else os.path.realpath(
                os.path.join(os.path.dirname(path), urllib.parse.unquote(parts.path)))
            if not (target + os.sep).startswith(root + os.sep):
                problems.append(f"{where}:{line}: {ref}: leaves the site")
            elif os.path.isdir(target):
                problems.append(f"{where}:{line}: {ref}: names a folder")
            elif not os.path.exists(target):
                problems.append(f"{where}:{line}: {ref}: no such file")
            else:
                if target != path:
                    linked.add(target)
                fragment = urllib.parse.unquote(parts.fragment)
                if fragment and target in pages and fragment not in pages[target].ids:
                    problems.append(f"{where}:{line}: {ref}: no id '{fragment}' there")
    orphans = sorted(os.path.relpath(p, root) for p in pages
                     if p not in linked and not pages[p].redirect
                     and os.path.relpath(p, root) not in ("index.html", "404.html"))
    for problem in problems:
        print(problem)
    for orphan in orphans:
        print(f"{orphan}: no page links to it")
    links = sum(len(p.refs) for p in pages.values())
    print(f"{len(pages)} pages, {links} links, {len(problems)} broken, {len(orphans)} orphans")
    return 1 if problems or orphans else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
