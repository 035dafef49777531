#!/usr/bin/env python3
"""corpus.py DIR [--essays N] [--scenarios N] [--seed S] [--folders N]

Writes a deterministic benchmark corpus:
  DIR/full/content         N essays, N scenarios, models.yaml, site.yaml  (the full build)
  DIR/essays/content       the same essays and models.yaml, no scenarios  (the essays-only build)
  DIR/hugo                 the same essays as a Hugo site whose page layout has a table of contents
Essays are 3-5 KB notes with the front matter of the source essay, headings, emphasis, links,
labelled lists, quotes and code; scenarios use every section of the scenario format.
With --folders N (0 by default; `make bench` asks for 12), every fourth essay goes into
one of N folders, two levels deep (`area-K/topic-J/`), in all three trees alike.
"""
import argparse
import os
import random

VOCABULARY = ("token margin provider inference budget pricing usage seat developer request cache latency "
              "outage failover routing contract volume growth churn revenue subscription capacity gpu cluster "
              "limit quota retirement successor migration benchmark prompt context window output input").split()
# List labels are vocabulary words, so a list names a dependency ("Availability") about as often as
# a real notes collection would: roughly one essay in four then carries the scenario table.
VOCABULARY.append("availability")
COLORS = ["DEFAULT", "RED", "ORANGE", "YELLOW", "GREEN", "TEAL", "BLUE", "DARK_BLUE", "PURPLE", "PINK", "BROWN",
          "GRAY"]
MODELS = [  # id, provider, input, cached input, output, availability, rpm, tpm
    ("large-x", "Xeno", 3.0, 0.3, 15.0, 0.997, 4000, 2400000),
    ("small-x", "Xeno", 1.0, 0.1, 5.0, 0.997, 4000, 4800000),
    ("large-y", "Yonder", 2.0, 0.5, 8.0, 0.997, 10000, 30000000),
    ("small-y", "Yonder", 0.4, 0.1, 1.6, 0.997, 30000, 150000000),
    ("open-z", "Zenith", 0.3, 0.03, 2.5, 0.996, 20000, 60000000),
]


def words(rng, low, high):
    return [rng.choice(VOCABULARY) for _ in range(rng.randint(low, high))]


def sentence(rng):
    parts = words(rng, 7, 20)
    roll = rng.random()
    k = rng.randrange(len(parts))
    if roll < 0.25:
        parts[k] = f"**{parts[k]}**"
    elif roll < 0.45:
        parts[k] = f"*{parts[k]}*"
    elif roll < 0.6:
        parts[k] = f"[{parts[k]}](https://example.com/{parts[k]})"
    elif roll < 0.7:
        parts[k] = f"`{parts[k]}`"
    text = " ".join(parts)
    return text[0].upper() + text[1:] + rng.choice([".", ".", "?", " -- often.", ", \"as usual\"."])


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))


def essay(rng, index):
    month, day = 1 + index % 12, 1 + index % 28
    lines = ["---", f'title: "{" ".join(words(rng, 2, 5)).title()} {index}"',
             f"date: 2026-{month:02d}-{day:02d}T08:00:00.000Z", f"modified: 2026-{month:02d}-{day:02d}T18:30:00.000Z",
             f"draft: {str(index % 19 == 0).lower()}", f"archived: {str(index % 13 == 0).lower()}",
             f"pinned: {str(index % 31 == 0).lower()}", f"trashed: {str(index % 37 == 0).lower()}",
             f"color: {COLORS[index % len(COLORS)]}", "---", "", paragraph(rng), ""]
    for _ in range(rng.randint(3, 5)):
        lines += ["## " + " ".join(words(rng, 2, 4)).title(), ""]
        lines += [paragraph(rng), ""]
        roll = rng.random()
        if roll < 0.5:
            for _ in range(rng.randint(3, 6)):
                lines.append(f"- **{rng.choice(VOCABULARY).title()}**: {' '.join(words(rng, 3, 8))}")
            lines.append("")
        elif roll < 0.6:
            for _ in range(rng.randint(3, 5)):
                lines.append(f"- **{rng.choice(VOCABULARY).title()}**: {' '.join(words(rng, 2, 4))} vs. "
                             f"{' '.join(words(rng, 2, 4))}")
            lines.append("")
        elif roll < 0.65:
            lines += ["> " + sentence(rng), ""]
        elif roll < 0.75:
            lines += ["```", "monthly_cost = users * requests * tokens * price / 1e6", "```", ""]
        if rng.random() < 0.5:
            lines += ["### " + " ".join(words(rng, 2, 3)).title(), "", paragraph(rng), ""]
    return "\n".join(lines) + "\n"


def catalog():
    lines = ["as_of: 2026-11-01", "source: benchmark prices", "models:"]
    for mid, provider, price_in, cached, price_out, availability, rpm, tpm in MODELS:
        lines += [f"  {mid}:", f"    provider: {provider}", f"    input: {price_in}", f"    cached_input: {cached}",
                  f"    output: {price_out}", f"    availability: {availability}", f"    rpm: {rpm}", f"    tpm: {tpm}"]
    lines += ["    retires: 2027-06-01", "    successor: small-y"]  # open-z retires into small-y
    return "\n".join(lines) + "\n"


def scenario(rng, index):
    ids = [m[0] for m in MODELS]
    lines = [f'name: "Benchmark scenario {index}"', f'summary: "{" ".join(words(rng, 5, 10))}."',
             f"months: {rng.choice([12, 24, 36])}", "users:", f"  start: {rng.randint(200, 80000)}",
             f"  growth: {rng.choice([0, 0.01, 0.03, 0.06])}", f"price_per_user: {rng.choice([9, 15, 25, 40])}",
             f"other_cost_per_user: {rng.choice([0.5, 1, 2.5])}"]
    has_run = index % 4 != 0
    if index % 3 != 1 or not has_run:
        lines += ["build:", f"  developers: {rng.randint(1, 25)}", f"  tokens_per_developer: {rng.randint(5, 50)}000000",
                  f"  model: {rng.choice(ids)}", "  seat_cost: 20", f"  months: {rng.choice([6, 12, 24])}",
                  f"  features: {rng.randint(4, 40)}"]
    if has_run:
        chosen = rng.sample(ids, rng.randint(1, 3))
        cuts = sorted(rng.sample(range(1, 100), len(chosen) - 1))
        shares = [b - a for a, b in zip([0] + cuts, cuts + [100])]
        lines += ["run:", f"  from_month: {rng.choice([0, 0, 0, 3, 9])}", f"  requests_per_user: {rng.randint(20, 500)}",
                  f"  input_tokens: {rng.randint(300, 5000)}", f"  output_tokens: {rng.randint(80, 1200)}",
                  f"  cached_share: {rng.choice([0, 0.25, 0.5])}", f"  usage_growth: {rng.choice([0, 0.01, 0.02])}",
                  "  routing:"]
        lines += [f"    {mid}: {share / 100}" for mid, share in zip(chosen, shares)]
        lines.append(f"  failover: {str(len(chosen) > 1 and index % 2 == 0).lower()}")
        if index % 5 == 0:
            lines += ["price_changes:", f"  - {{month: 6, provider: {rng.choice(['Xeno', 'Yonder'])}, factor: 1.3}}"]
        if index % 6 == 0:
            lines += ["own_model:", "  gpu_hour: 2.5", f"  gpus: {rng.randint(1, 8)}", "  tokens_per_second: 2400",
                      "  utilization: 0.6", f"  fixed_monthly: {rng.choice([3000, 10000, 30000])}"]
    return "\n".join(lines) + "\n"


HUGO_SINGLE = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
               '<body><main><h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}</main></body></html>\n')
HUGO_LIST = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
             '<body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>'
             '</body></html>\n')


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--essays", type=int, default=1000)
    parser.add_argument("--scenarios", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--folders", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    essays = [essay(rng, i) for i in range(args.essays)]
    scenarios = [scenario(rng, i) for i in range(args.scenarios)]
    for name, text in enumerate(essays):
        folder = ""
        if args.folders > 0 and name % 4 == 0:
            k = (name // 4) % args.folders
            folder = f"area-{k % 3}/topic-{k}/"
        for tree in ("full/content", "essays/content"):
            write(os.path.join(args.dir, tree, f"{folder}note-{name:04d}.md"), text)
        write(os.path.join(args.dir, "hugo", "content", "posts", f"{folder}note-{name:04d}.md"), text)
    for tree in ("full/content", "essays/content"):
        write(os.path.join(args.dir, tree, "models.yaml"), catalog())
        write(os.path.join(args.dir, tree, "site.yaml"), "title: Benchmark\n")
    for name, text in enumerate(scenarios):
        write(os.path.join(args.dir, "full/content/scenarios", f"case-{name:04d}.yaml"), text)
    write(os.path.join(args.dir, "hugo", "config.toml"),
          'baseURL = "/"\ntitle = "Benchmark"\nrelativeURLs = true\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
          "[markup.goldmark.renderer]\nunsafe = false\n[markup.goldmark.extensions]\ntypographer = true\n")
    write(os.path.join(args.dir, "hugo", "layouts", "_default", "single.html"), HUGO_SINGLE)
    write(os.path.join(args.dir, "hugo", "layouts", "_default", "list.html"), HUGO_LIST)
    write(os.path.join(args.dir, "hugo", "layouts", "index.html"), HUGO_LIST.replace(".Pages", ".Site.RegularPages"))


if __name__ == "__main__":
    main()
