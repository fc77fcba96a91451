//! A paper's stable id: a hash of its title with case, spaces and
//! punctuation folded away, the same in every file, format and run (saved
//! reading lists refer to papers by it).

use std::fmt;
use std::hash::Hasher;

use crate::fnv::Fnv;

/// A paper's stable short id: a hash of its normalized title.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct PaperId(pub u64);

/// The id hash of any title: its letters and digits, lowercased, as UTF-8.
fn fold_chars(title: &str) -> u64 {
    let mut h = Fnv::default();
    let mut buf = [0u8; 4];
    for c in title.chars().filter(|c| c.is_alphanumeric()) {
        for lc in c.to_lowercase() {
            h.add(lc.encode_utf8(&mut buf).as_bytes());
        }
    }
    h.0
}

/// ASCII letters and digits lowercased; every other byte 0.
static FOLDED: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

const ID_ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
const ID_LEN: usize = 10;

impl PaperId {
    /// Case, whitespace and punctuation are folded away: only letters and
    /// digits, lowercased, are hashed (FNV-1a, stable across runs and builds).
    pub fn from_title(title: &str) -> PaperId {
        if !title.is_ascii() {
            return PaperId::from_hash(fold_chars(title));
        }
        // The same bytes the general path hashes, folded by a table
        // instead of decoding chars (this runs on every paper read).
        let mut h = Fnv::default();
        for &b in title.as_bytes() {
            let folded = FOLDED[b as usize];
            if folded != 0 {
                h = h.byte(folded);
            }
        }
        PaperId::from_hash(h.0)
    }

    /// The id of a paper whose title another paper (of another arXiv id)
    /// already has: the title's hash carried on through the arXiv id, so
    /// each keeps an id of its own, the same in every run.
    pub fn from_title_and_arxiv(title: &str, arxiv: &str) -> PaperId {
        let mut h = Fnv(fold_chars(title));
        h.add(b"\0arxiv:").add(arxiv.as_bytes());
        PaperId::from_hash(h.0)
    }

    fn from_hash(h: u64) -> PaperId {
        PaperId(h >> 14) // 50 bits: 10 base-32 characters
    }

    /// Parses the 10-character form printed by `Display`.
    pub fn parse(s: &str) -> Option<PaperId> {
        if s.len() != ID_LEN {
            return None;
        }
        let mut v: u64 = 0;
        for b in s.bytes() {
            let d = ID_ALPHABET
                .iter()
                .position(|&a| a == b.to_ascii_lowercase())?;
            v = (v << 5) | d as u64;
        }
        Some(PaperId(v))
    }
}

impl fmt::Display for PaperId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        let mut out = [0u8; ID_LEN];
        for (i, o) in out.iter_mut().enumerate() {
            *o = ID_ALPHABET[((v >> (5 * (ID_LEN - 1 - i))) & 31) as usize];
        }
        f.write_str(std::str::from_utf8(&out).unwrap_or("?"))
    }
}

/// Ids are already hashes, so the id map only spreads their bits (one
/// multiply) instead of hashing them again with SipHash.
#[derive(Default, Clone, Copy)]
pub(super) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(self.0.rotate_left(8) ^ b as u64);
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = x.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_folds_case_space_and_punctuation() {
        let a = PaperId::from_title("LRP-QViT: Mixed-Precision  Vision Transformer");
        let b = PaperId::from_title("lrp qvit mixed precision vision transformer");
        assert_eq!(a, b);
        assert_ne!(
            a,
            PaperId::from_title("LRP-QViT: Mixed-Precision Vision Transformers")
        );
    }

    #[test]
    fn id_of_non_ascii_titles_folds_too() {
        assert_eq!(
            PaperId::from_title("ÜBER Café"),
            PaperId::from_title("über-café")
        );
        assert_ne!(PaperId::from_title("über"), PaperId::from_title("uber"));
    }

    #[test]
    fn ids_never_change() {
        // Saved reading lists refer to papers by id: these values are fixed.
        let id = |t: &str| PaperId::from_title(t).to_string();
        assert_eq!(
            id("LRP-QViT: Mixed-Precision  Vision Transformer"),
            "mnb1rs7j0x"
        );
        assert_eq!(id("Über Café: 3D Scenes"), "k5pzcysbk5");
        assert_eq!(id(&"a".repeat(300)), "xsvhftx7m5");
    }

    #[test]
    fn one_title_two_arxiv_ids_two_ids() {
        let a = PaperId::from_title_and_arxiv("A Title", "2401.00001");
        assert_ne!(a, PaperId::from_title_and_arxiv("A Title", "2401.00002"));
        assert_ne!(a, PaperId::from_title("A Title"));
        assert_eq!(a, PaperId::from_title_and_arxiv("a title", "2401.00001"));
    }

    #[test]
    fn id_round_trips_through_text() {
        let id = PaperId::from_title("A Title");
        let s = id.to_string();
        assert_eq!(s.len(), 10);
        assert_eq!(PaperId::parse(&s).map(|p| p.to_string()), Some(s));
        assert_eq!(PaperId::parse("not-an-id!"), None);
    }
}
