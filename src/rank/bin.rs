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
    /// An array after its length, copied whole where the machine is
    /// little-endian (the index's arrays are tens of MB).
    fn array<T: bytemuck::Pod>(&mut self, xs: &[T], to_le: impl Fn(T) -> T) {
        self.u32(xs.len() as u32);
        if cfg!(target_endian = "little") {
            self.0.extend_from_slice(bytemuck::cast_slice(xs));
        } else {
            self.0.reserve(std::mem::size_of_val(xs));
            xs.iter()
                .for_each(|&x| self.0.extend_from_slice(bytemuck::bytes_of(&to_le(x))));
        }
    }
    pub fn u32s(&mut self, xs: &[u32]) {
        self.array(xs, u32::to_le);
    }
    pub fn f32s(&mut self, xs: &[f32]) {
        self.array(xs, |x| f32::from_bits(x.to_bits().to_le()));
    }
    pub fn u64s(&mut self, xs: &[u64]) {
        self.array(xs, u64::to_le);
    }
    pub fn i8s(&mut self, xs: &[i8]) {
        self.array(xs, |x| x);
    }
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
}

/// Asks Linux to back a large fresh array (`len` bytes at `at`) with huge
/// pages: the index's arrays are tens of MB, and filling them a 4 KB page
/// at a time cost more (a fault each) than reading the file.
pub fn huge_pages(at: *mut u8, len: usize) {
    const HUGE: usize = 2 << 20;
    let (start, end) = (
        (at as usize).next_multiple_of(HUGE),
        (at as usize + len) / HUGE * HUGE,
    );
    #[cfg(target_os = "linux")]
    if end > start {
        // SAFETY: advice on whole pages of memory the caller owns; it
        // changes how they are backed, never what they hold. A failure
        // only leaves them as they were.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (start, end);
}

/// An empty vector with room for `n` items, in huge pages when large.
pub fn vec_for<T>(n: usize) -> Vec<T> {
    let mut v = Vec::with_capacity(n);
    let spare = v.spare_capacity_mut();
    huge_pages(spare.as_mut_ptr().cast(), std::mem::size_of_val(spare));
    v
}

/// A checksum of bytes fed in any pieces: four words at a time, each
/// multiplied and rotated in its own lane (four chains the processor runs
/// side by side, so a 100 MB index costs a few ms; it finds a file whose
/// arrays were cut, spliced or changed, not an attacker).
#[derive(Clone, Debug)]
pub struct Sum {
    lanes: [u64; 4],
    /// Bytes of a block not yet complete (`len % 32` of them).
    part: [u8; 32],
    len: u64,
}

impl Default for Sum {
    fn default() -> Sum {
        Sum {
            lanes: [
                0x9e37_79b9_7f4a_7c15,
                0xc2b2_ae3d_27d4_eb4f,
                0x1656_67b1_9e37_79f9,
                0x27d4_eb2f_1656_67c5,
            ],
            part: [0; 32],
            len: 0,
        }
    }
}

impl Sum {
    const K: u64 = 0xff51_afd7_ed55_8ccd;

    fn mix(h: u64, w: u64) -> u64 {
        (h ^ w).wrapping_mul(Self::K).rotate_left(29)
    }

    fn block(&mut self, b: &[u8]) {
        for (k, w) in b.chunks_exact(8).enumerate() {
            let w = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
            self.lanes[k] = Self::mix(self.lanes[k], w);
        }
    }

    pub fn add(&mut self, mut bytes: &[u8]) {
        // Finish the block a piece left open.
        let open = (self.len % 32) as usize;
        self.len += bytes.len() as u64;
        if open > 0 {
            let take = (32 - open).min(bytes.len());
            self.part[open..open + take].copy_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if open + take < 32 {
                return;
            }
            let part = self.part;
            self.block(&part);
        }
        let mut blocks = bytes.chunks_exact(32);
        for b in blocks.by_ref() {
            self.block(b);
        }
        let rest = blocks.remainder();
        self.part[..rest.len()].copy_from_slice(rest);
    }

    pub fn value(&self) -> u64 {
        let mut s = self.clone();
        let open = (s.len % 32) as usize;
        s.part[open..].fill(0);
        let part = s.part;
        s.block(&part);
        let h = s
            .lanes
            .iter()
            .fold(s.len.rotate_left(32), |h, &l| Self::mix(h, l));
        Self::mix(h, open as u64)
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
        // Summed a piece at a time as it comes in, while it is in the cache.
        for piece in buf.chunks_mut(1 << 17) {
            self.r.read_exact(piece).ok()?;
            self.sum.add(piece);
        }
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
        let bytes: &mut [u8] = bytemuck::cast_slice_mut(&mut v);
        huge_pages(bytes.as_mut_ptr(), bytes.len());
        self.fill(bytes)?;
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
        for cut in [0, 1, 3, 8, 9, 31, 32, 33, 64, 500, 999, 1000] {
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
        // Pieces moved, in one lane (two blocks swapped) or across lanes.
        let sum = |b: &[u8]| {
            let mut s = Sum::default();
            s.add(b);
            s.value()
        };
        let mut swapped = bytes.clone();
        swapped[..64].rotate_left(32);
        assert_ne!(sum(&swapped), whole, "two blocks swapped");
        let mut swapped = bytes.clone();
        swapped[..16].rotate_left(8);
        assert_ne!(sum(&swapped), whole, "two words swapped");
        let mut padded = bytes[..990].to_vec();
        padded.push(0);
        assert_ne!(sum(&padded), sum(&bytes[..990]), "a zero byte more");
    }
}
