//! FNV-1a, 64 bits: the stable hash of paper ids and of the ranking
//! index's key (the same in every run, build and machine, which std's
//! hashers do not promise).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// The hash with one more byte.
    #[inline]
    pub fn byte(self, b: u8) -> Fnv {
        Fnv((self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }

    pub fn add(&mut self, bytes: &[u8]) -> &mut Fnv {
        *self = bytes.iter().fold(*self, |h, &b| h.byte(b));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_fnv_1a_values() {
        // From the FNV reference test vectors.
        assert_eq!(Fnv::default().0, 0xcbf2_9ce4_8422_2325);
        assert_eq!(Fnv::default().add(b"a").0, 0xaf63_dc4c_8601_ec8c);
        assert_eq!(Fnv::default().add(b"foobar").0, 0x8594_4171_f739_67e8);
    }
}
