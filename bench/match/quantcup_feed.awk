# Converts the QuantCup 2010 feed (score_feed.h: {"SYM", "ID8", side, price, size} entries;
# price 0 means cancel the order numbered size) into ecg's text replay format, one instrument.
# Orders are numbered from 1 in arrival, as the contest's limit() numbers them; each gets its
# own owner, so self-trade prevention (which the contest does not have) never fires.
{
  line = $0
  while (match(line, /\{"[^"]*", *"[^"]*", *[0-9]+, *[0-9]+, *[0-9]+\}/)) {
    entry = substr(line, RSTART, RLENGTH)
    line = substr(line, RSTART + RLENGTH)
    gsub(/[{}" ]/, "", entry)
    split(entry, f, ",")
    if (f[4] == 0) {
      print "C " f[5]
    } else {
      id++
      print "A " id " " id " 0 " (f[3] == 1 ? "S" : "B") " LIMIT " f[4] " " f[5]
    }
  }
}
