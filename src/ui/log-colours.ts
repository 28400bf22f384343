/**
 * The colours of log prefixes, as docker compose picks them (cmd/formatter/colors.go): each new
 * container takes the next colour of a ten-step cycle (cyan, yellow, green, magenta, blue, then
 * their bold "intense" versions) and keeps it. The cycle is a value made per printer, not a
 * module-level counter, so two printers in one process (or two tests) never shift each other.
 */

/** Wraps text in one colour's escape codes, or returns it as is. */
export type ColourFunction = (text: string) => string;

export const monochrome: ColourFunction = (text) => text;

/** Basic foreground colours start at SGR 30 (black/grey); compose's `names` table follows it. */
const FOREGROUND = { cyan: 36, yellow: 33, green: 32, magenta: 35, blue: 34 } as const;

const BASE_CYCLE = [
  FOREGROUND.cyan,
  FOREGROUND.yellow,
  FOREGROUND.green,
  FOREGROUND.magenta,
  FOREGROUND.blue,
] as const;

/** `\x1b[36m…\x1b[0m`, or with `;1` (bold) for the intense half of the cycle. */
export function ansiColour(code: string): ColourFunction {
  return (text) => `\x1b[${code}m${text}\x1b[0m`;
}

/** compose's rainbow: the five base colours, then the same five in bold. */
export const RAINBOW: readonly ColourFunction[] = [
  ...BASE_CYCLE.map((code) => ansiColour(String(code))),
  ...BASE_CYCLE.map((code) => ansiColour(`${code};1`)),
];

/** Hands out the rainbow's colours in order, starting again after the tenth. */
export function createColourCycle(): () => ColourFunction {
  let index = 0;
  return () => {
    const colour = RAINBOW[index % RAINBOW.length]!;
    index += 1;
    return colour;
  };
}
