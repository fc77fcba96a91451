//! Latent semantic analysis: a truncated SVD of the tf-idf rows, so papers
//! that say the same thing in different words meet. The SVD is randomized
//! (Halko, Martinsson & Tropp 2011): the rows' range is caught by a few
//! products with a random matrix, and the small dense steps (QR, a
//! symmetric eigenproblem, products) are faer's. It is learned on up to
//! [`SAMPLE`] papers; every paper is then placed by its terms, so a paper
//! read later (or a saved one whose digest is gone) is placed the same way.

use faer::linalg::matmul::matmul;
use faer::{Accum, Mat, Par, Side};

use super::tfidf::TfIdf;

/// Dimensions of the latent space; a small library gets one per ten
/// papers (more only echoes the words: measured in `tests/ranking.rs`).
pub const DIMS: usize = 100;
/// Papers the space is learned from, at most.
pub const SAMPLE: usize = 20_000;
/// Extra random directions, for a better catch of the top ones.
const OVERSAMPLE: usize = 10;
/// Power iterations: sharpen the catch where singular values fall slowly.
const POWER: usize = 2;

/// The latent space: how each term places a paper, and every paper's place.
#[derive(Debug, Default)]
pub struct Lsa {
    pub dims: usize,
    /// The singular values, largest first.
    pub sigma: Vec<f32>,
    /// Term `t`'s row: `proj[t * dims..(t + 1) * dims]`.
    proj: Vec<f32>,
    /// Paper `i`'s place, length 1: `docs[i * dims..(i + 1) * dims]`.
    docs: Vec<f32>,
}

/// A small, deterministic generator of normal numbers.
struct Normal(u64);

impl Normal {
    fn next(&mut self) -> f32 {
        let mut u = || {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            ((self.0 >> 11) as f64 + 0.5) / (1u64 << 53) as f64
        };
        let (a, b) = (u(), u());
        ((-2.0 * a.ln()).sqrt() * (std::f64::consts::TAU * b).cos()) as f32
    }
}

/// `rows` (sparse, by index into `m`) times a dense `terms x l` matrix.
fn times(m: &TfIdf, rows: &[usize], dense: &Mat<f32>) -> Mat<f32> {
    let l = dense.ncols();
    let mut out = Mat::<f32>::zeros(rows.len(), l);
    for (r, &i) in rows.iter().enumerate() {
        let (ts, ws) = m.row(i);
        for j in 0..l {
            let col = dense.col(j);
            let mut sum = 0.0;
            for (&t, &w) in ts.iter().zip(ws) {
                sum += w * col[t as usize];
            }
            out[(r, j)] = sum;
        }
    }
    out
}

/// The transpose of `rows` times a dense `rows x l` matrix: `terms x l`.
fn times_t(m: &TfIdf, rows: &[usize], dense: &Mat<f32>) -> Mat<f32> {
    let l = dense.ncols();
    let mut out = Mat::<f32>::zeros(m.vocab.len(), l);
    for j in 0..l {
        let col = dense.col(j);
        let mut dst = out.col_mut(j);
        for (r, &i) in rows.iter().enumerate() {
            let x = col[r];
            let (ts, ws) = m.row(i);
            for (&t, &w) in ts.iter().zip(ws) {
                dst[t as usize] += w * x;
            }
        }
    }
    out
}

/// An orthonormal basis of the columns.
fn orth(a: &Mat<f32>) -> Mat<f32> {
    a.qr().compute_thin_Q()
}

impl Lsa {
    /// Learns the space from the rows of `m` (all of them, or an even
    /// sample) and places every paper in it.
    pub fn build(m: &TfIdf) -> Lsa {
        let n = m.len();
        let terms = m.vocab.len();
        let dims = DIMS.min(n / 10).min(terms / 3);
        if dims < 2 {
            return Lsa::default();
        }
        let l = (dims + 1 + OVERSAMPLE).min(n).min(terms);
        let step = n.div_ceil(SAMPLE).max(1);
        let rows: Vec<usize> = (0..n).step_by(step).collect();
        let mut rng = Normal(0x2545_f491_4f6c_dd1d);
        let omega = Mat::<f32>::from_fn(terms, l, |_, _| rng.next());
        let mut y = times(m, &rows, &omega);
        for _ in 0..POWER {
            let z = orth(&times_t(m, &rows, &orth(&y)));
            y = times(m, &rows, &z);
        }
        let q = orth(&y);
        // B = Qᵀ A; its SVD from the eigenproblem of B Bᵀ = Cᵀ C.
        let c = times_t(m, &rows, &q);
        let mut g = Mat::<f32>::zeros(l, l);
        matmul(
            g.as_mut(),
            Accum::Replace,
            c.transpose(),
            c.as_ref(),
            1.0,
            Par::Seq,
        );
        let Ok(eig) = g.self_adjoint_eigen(Side::Lower) else {
            return Lsa::default();
        };
        // Eigenvalues ascend: the top ones are the last. The very top one is
        // left out: tf-idf weights are never negative, so its direction is
        // the average paper's, which every paper shares.
        let (u, s) = (eig.U(), eig.S());
        let top: Vec<usize> = (0..l).rev().skip(1).take(dims).collect();
        let dims = top.len();
        let mut w = Mat::<f32>::zeros(l, dims);
        for (k, &j) in top.iter().enumerate() {
            let sigma = s[j].max(0.0).sqrt();
            if sigma > 1e-6 {
                for r in 0..l {
                    w[(r, k)] = u[(r, j)] / sigma;
                }
            }
        }
        // A term's place: V = C W Σ⁻¹, so paper i's place is A_i V = U_i Σ.
        let mut p = Mat::<f32>::zeros(terms, dims);
        matmul(
            p.as_mut(),
            Accum::Replace,
            c.as_ref(),
            w.as_ref(),
            1.0,
            Par::Seq,
        );
        let mut proj = vec![0.0f32; terms * dims];
        for t in 0..terms {
            for k in 0..dims {
                proj[t * dims + k] = p[(t, k)];
            }
        }
        let mut lsa = Lsa {
            dims,
            sigma: top.iter().map(|&j| s[j].max(0.0).sqrt()).collect(),
            proj,
            docs: Vec::new(),
        };
        lsa.docs = lsa.place_all(m);
        lsa
    }

    /// Every paper's place, on every core.
    fn place_all(&self, m: &TfIdf) -> Vec<f32> {
        let n = m.len();
        let per = n.div_ceil(crate::par::cores() * 4).max(512);
        let ranges: Vec<std::ops::Range<usize>> =
            (0..n).step_by(per).map(|s| s..(s + per).min(n)).collect();
        let parts = crate::par::map(ranges, crate::par::cores(), |r| {
            let mut out = Vec::with_capacity(r.len() * self.dims);
            for i in r {
                let (ts, ws) = m.row(i);
                out.extend(self.place(ts, ws));
            }
            out
        });
        parts.concat()
    }

    /// Where a row of terms goes, length 1.
    pub fn place(&self, terms: &[u32], weights: &[f32]) -> Vec<f32> {
        let d = self.dims;
        let mut v = vec![0.0f32; d];
        for (&t, &w) in terms.iter().zip(weights) {
            let row = &self.proj[t as usize * d..(t as usize + 1) * d];
            for (x, p) in v.iter_mut().zip(row) {
                *x += w * p;
            }
        }
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| *x /= norm);
        }
        v
    }

    pub fn is_empty(&self) -> bool {
        self.dims == 0
    }

    /// Paper `i`'s place.
    pub fn doc(&self, i: usize) -> &[f32] {
        &self.docs[i * self.dims..(i + 1) * self.dims]
    }

    /// Bytes held.
    pub fn heap_size(&self) -> usize {
        (self.proj.len() + self.docs.len()) * 4
    }
}
