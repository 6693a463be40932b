//! Tests on eight bytes at a time, in one `u64` (little-endian: the first byte is the
//! lowest): the hot loops over the text use them to pass over runs of ordinary bytes with
//! one test instead of one per byte.
//!
//! Each function sets the high bit of every byte that passes and clears every other bit;
//! the tests are exact for each byte, whatever its neighbours (no carry crosses a byte).

/// A byte of value 1 in each of the eight.
pub(crate) const ONES: u64 = u64::MAX / 255;
/// The high bit of each byte.
pub(crate) const HIGH: u64 = ONES * 0x80;
/// The low seven bits of each byte.
const LOW7: u64 = ONES * 0x7f;

/// Eight bytes from the start of `bytes` (at least eight long).
#[inline]
pub(crate) fn load(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(word)
}

/// The bytes of `x` that are ASCII and strictly between `lo` and `hi` (`lo` < 127,
/// 0 < `hi` <= 128).
#[inline]
pub(crate) fn between(x: u64, lo: u8, hi: u8) -> u64 {
    let low7 = x & LOW7;
    // The first term has the high bit where the byte is below `hi`, the third where it is
    // above `lo`, the second where it is ASCII.
    (ONES * (127 + u64::from(hi)) - low7) & !x & (low7 + ONES * (127 - u64::from(lo))) & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every place of the word, among varied neighbours.
    fn each_byte(check: impl Fn(u64, usize, u8)) {
        for fill in [0u8, 0x7f, 0x80, 0xff, b'a', b'A', b' '] {
            for b in 0..=255u8 {
                for at in 0..8 {
                    let mut word = [fill; 8];
                    word[at] = b;
                    check(load(&word), at, b);
                }
            }
        }
    }

    #[test]
    fn between_is_exact_for_each_byte() {
        for (lo, hi) in [(b'a' - 1, b'z' + 1), (b'A' - 1, b'Z' + 1), (b'0' - 1, b'9' + 1), (0, 128)]
        {
            each_byte(|x, at, b| {
                let got = between(x, lo, hi) >> (8 * at) & 0xff;
                let want = if b.is_ascii() && lo < b && b < hi { 0x80 } else { 0 };
                assert_eq!(got, want, "byte {b} at {at} in {lo}..{hi}");
            });
        }
    }
}
