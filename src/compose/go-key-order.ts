/**
 * The order in which Go's YAML library writes map keys, which is what users see in
 * `docker compose config`: not byte order but a natural order where runs of digits compare as
 * numbers (`web9` before `web10`) and, after a non-digit, a non-letter sorts before a letter
 * (`FOO_BAR` before `FOOBAR`). This follows go-yaml's sorter (keyList.Less) for string keys.
 * JSON output keeps byte order, as encoding/json does.
 */
export function compareGoYamlKeys(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i]!;
    const bc = br[i]!;
    if (ac === bc) {
      digits = isDigit(ac);
      continue;
    }
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc ? -1 : 1;
    if (al || bl) {
      const aFirst = digits ? al : bl;
      return aFirst ? -1 : 1;
    }
    let an = 0;
    let bn = 0;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ac < bc ? -1 : 1;
  }
  return ar.length - br.length;
}

/** Byte order, as Go's encoding/json and sort.Strings use. */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDigit(ch: string): boolean {
  return /\p{Nd}/u.test(ch);
}

function isLetter(ch: string): boolean {
  return /\p{L}/u.test(ch);
}
