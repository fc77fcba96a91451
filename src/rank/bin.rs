//! Plain arrays on disk, little-endian, each after its length: what the
//! index cache is made of.

use std::io::Read;

/// Writes arrays little-endian.
#[derive(Default)]
pub struct Out(pub Vec<u8>);

impl Out {
    pub fn u32(&mut self, x: u32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    pub fn f32(&mut self, x: f32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    pub fn u32s(&mut self, xs: &[u32]) {
        self.u32(xs.len() as u32);
        self.0.reserve(xs.len() * 4);
        xs.iter()
            .for_each(|x| self.0.extend_from_slice(&x.to_le_bytes()));
    }
    pub fn f32s(&mut self, xs: &[f32]) {
        self.u32(xs.len() as u32);
        self.0.reserve(xs.len() * 4);
        xs.iter()
            .for_each(|x| self.0.extend_from_slice(&x.to_le_bytes()));
    }
    pub fn u64s(&mut self, xs: &[u64]) {
        self.u32(xs.len() as u32);
        self.0.reserve(xs.len() * 8);
        xs.iter()
            .for_each(|x| self.0.extend_from_slice(&x.to_le_bytes()));
    }
    pub fn i8s(&mut self, xs: &[i8]) {
        self.u32(xs.len() as u32);
        self.0.extend(xs.iter().map(|&x| x as u8));
    }
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
}

/// A checksum of bytes fed in any pieces: a word at a time, multiplied
/// and rotated (about 1 ns a word, so a 100 MB index costs ~15 ms; it
/// finds a file whose arrays were cut, spliced or changed, not an attacker).
#[derive(Clone, Debug)]
pub struct Sum {
    h: u64,
    /// Bytes of a word not yet complete.
    part: u64,
    len: u64,
}

impl Default for Sum {
    fn default() -> Sum {
        Sum {
            h: 0x9e37_79b9_7f4a_7c15,
            part: 0,
            len: 0,
        }
    }
}

impl Sum {
    const K: u64 = 0xff51_afd7_ed55_8ccd;

    fn word(&mut self, w: u64) {
        self.h = (self.h ^ w).wrapping_mul(Self::K).rotate_left(29);
    }

    pub fn add(&mut self, mut bytes: &[u8]) {
        // Finish the word a piece left open, byte by byte.
        while !self.len.is_multiple_of(8) && !bytes.is_empty() {
            self.part |= u64::from(bytes[0]) << (8 * (self.len % 8));
            self.len += 1;
            bytes = &bytes[1..];
            if self.len.is_multiple_of(8) {
                let w = std::mem::take(&mut self.part);
                self.word(w);
            }
        }
        let mut words = bytes.chunks_exact(8);
        for w in words.by_ref() {
            self.word(u64::from_le_bytes(w.try_into().unwrap_or([0; 8])));
        }
        self.len += (bytes.len() - words.remainder().len()) as u64;
        for &b in words.remainder() {
            self.part |= u64::from(b) << (8 * (self.len % 8));
            self.len += 1;
        }
    }

    pub fn value(&self) -> u64 {
        let mut s = self.clone();
        s.word(s.part ^ s.len.rotate_left(32));
        s.h
    }
}

/// Reads what [`Out`] wrote, straight into the arrays (no copy beyond
/// the one from the file), summing what it reads; `None` at any shortfall.
pub struct In<R: Read> {
    r: R,
    /// Bytes left to read.
    left: u64,
    pub sum: Sum,
}

impl<R: Read> In<R> {
    /// Reads `r`, which holds `len` bytes.
    pub fn new(r: R, len: u64) -> In<R> {
        In {
            r,
            left: len,
            sum: Sum::default(),
        }
    }

    pub fn fill(&mut self, buf: &mut [u8]) -> Option<()> {
        self.left = self.left.checked_sub(buf.len() as u64)?;
        self.r.read_exact(buf).ok()?;
        self.sum.add(buf);
        Some(())
    }
    pub fn u32(&mut self) -> Option<u32> {
        let mut b = [0u8; 4];
        self.fill(&mut b)?;
        Some(u32::from_le_bytes(b))
    }
    pub fn f32(&mut self) -> Option<f32> {
        Some(f32::from_bits(self.u32()?))
    }
    pub fn u64(&mut self) -> Option<u64> {
        let mut b = [0u8; 8];
        self.fill(&mut b)?;
        Some(u64::from_le_bytes(b))
    }
    /// An array of `n` plain numbers, as written (little-endian).
    fn array<T: bytemuck::Pod + Default>(&mut self, from_le: impl Fn(T) -> T) -> Option<Vec<T>> {
        let n = self.u32()? as usize;
        if (n * std::mem::size_of::<T>()) as u64 > self.left {
            return None;
        }
        let mut v = vec![T::default(); n];
        self.fill(bytemuck::cast_slice_mut(&mut v))?;
        if cfg!(target_endian = "big") {
            v.iter_mut().for_each(|x| *x = from_le(*x));
        }
        Some(v)
    }
    pub fn u32s(&mut self) -> Option<Vec<u32>> {
        self.array(u32::from_le)
    }
    pub fn u64s(&mut self) -> Option<Vec<u64>> {
        self.array(u64::from_le)
    }
    pub fn f32s(&mut self) -> Option<Vec<f32>> {
        self.array(|x: f32| f32::from_bits(u32::from_le(x.to_bits())))
    }
    pub fn i8s(&mut self) -> Option<Vec<i8>> {
        self.array(|x| x)
    }
    pub fn string(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        if n as u64 > self.left {
            return None;
        }
        let mut b = vec![0u8; n];
        self.fill(&mut b)?;
        String::from_utf8(b).ok()
    }
    /// Whether everything was read.
    pub fn done(&self) -> bool {
        self.left == 0
    }
}

#[cfg(test)]
mod tests {
    use super::Sum;

    #[test]
    fn the_sum_is_the_same_in_any_pieces_and_sees_any_change() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = {
            let mut s = Sum::default();
            s.add(&bytes);
            s.value()
        };
        for cut in [0, 1, 3, 8, 9, 500, 999, 1000] {
            let mut s = Sum::default();
            s.add(&bytes[..cut]);
            s.add(&bytes[cut..]);
            assert_eq!(s.value(), whole, "cut at {cut}");
        }
        let mut changed = bytes.clone();
        changed[613] ^= 1;
        let mut s = Sum::default();
        s.add(&changed);
        assert_ne!(s.value(), whole);
        let mut s = Sum::default();
        s.add(&bytes[..999]);
        assert_ne!(s.value(), whole, "one byte short");
    }
}
