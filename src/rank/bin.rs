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
    pub fn i8s(&mut self, xs: &[i8]) {
        self.u32(xs.len() as u32);
        self.0.extend(xs.iter().map(|&x| x as u8));
    }
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
}

/// Reads what [`Out`] wrote, straight into the arrays (no copy beyond
/// the one from the file); `None` at any shortfall.
pub struct In<R: Read> {
    r: R,
    /// Bytes left to read.
    left: u64,
}

impl<R: Read> In<R> {
    /// Reads `r`, which holds `len` bytes.
    pub fn new(r: R, len: u64) -> In<R> {
        In { r, left: len }
    }

    pub fn fill(&mut self, buf: &mut [u8]) -> Option<()> {
        self.left = self.left.checked_sub(buf.len() as u64)?;
        self.r.read_exact(buf).ok()
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
