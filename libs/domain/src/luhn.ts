// The Luhn (mod 10) check used by Swedish personal identity and organisation numbers.

function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // From the right: the check digit keeps its value, every second digit before it is doubled.
    const digit = Number(digits[digits.length - 1 - i]);
    const weighted = i % 2 === 1 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return sum;
}

/** `digits` must be a string of decimal digits whose last digit is the check digit. */
export function isLuhnValid(digits: string): boolean {
  return /^\d+$/.test(digits) && luhnSum(digits) % 10 === 0;
}

/** The check digit to append to `payload` (a string of decimal digits). */
export function luhnCheckDigit(payload: string): number {
  if (!/^\d+$/.test(payload)) {
    throw new RangeError(`Not a string of digits: '${payload}'`);
  }
  return (10 - (luhnSum(`${payload}0`) % 10)) % 10;
}
