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

/// Dimensions of the latent space of a library of `n` papers: what
/// ranked best on the evaluation set at 150, 3,523 and 40,000 papers
/// (`benches/precision.rs`, by leave-one-topic-out cross-validation), and
/// in between on a line in log n; never more than [`MAX_DIMS`].
pub fn dims_for(n: usize) -> usize {
    // (papers, dimensions) measured best.
    const AT: [(f32, f32); 3] = [(150.0, 10.0), (3_523.0, 128.0), (40_000.0, 160.0)];
    let x = (n.max(1) as f32).ln();
    let (lo, hi) = if x <= AT[1].0.ln() {
        (AT[0], AT[1])
    } else {
        (AT[1], AT[2])
    };
    let t = ((x - lo.0.ln()) / (hi.0.ln() - lo.0.ln())).clamp(0.0, 1.0);
    let t = if n as f32 > AT[2].0 { 1.0 } else { t };
    ((lo.1 + t * (hi.1 - lo.1)).round() as usize).clamp(2, MAX_DIMS)
}

/// The most dimensions any library gets.
pub const MAX_DIMS: usize = 160;
/// Papers the space is learned from, at most.
pub const SAMPLE: usize = 12_000;
/// Terms it is learned from, at most: those in most papers (the rest are
/// rare; they still count in the words' score).
pub const TERMS: usize = 30_000;
/// The fewest of the papers the space is learned from that a term must be
/// in to be learned, as the index keeps no term of one paper: one paper
/// gives the space nothing to place a term by. Where every paper is learned
/// from (up to [`SAMPLE`]) the index's rule already holds, so this changes
/// nothing there; a library of 100k papers with a wide vocabulary (115k
/// terms) had 13.7k terms in two of its sampled papers, yet the space
/// learned 30k ([`TERMS`]), most of them from one paper or none, at twice
/// the cost. At 40,000 papers (one in four learned from), precision@10
/// over four random seeds was the same with 1, 2 or 3 (`benches/precision.rs`:
/// 0.85 with 5 saved, 0.73 with 2, 0.58 for more like this).
pub const SAMPLED: u32 = 2;
/// Extra random directions, for a better catch of the top ones.
const OVERSAMPLE: usize = 10;
/// Power iterations: sharpen the catch where singular values fall slowly.
const POWER: usize = 2;

/// The latent space: how each term places a paper, and every paper's place.
#[derive(Debug, Default)]
pub struct Lsa {
    pub dims: usize,
    /// Each term's row in `proj` (`u32::MAX`: a term the space ignores).
    at: Vec<u32>,
    /// Term row `k`: `proj[k * dims..(k + 1) * dims]`.
    proj: Vec<f32>,
    /// Paper `i`'s place, length 1, in steps of 1/127 (a quarter of the
    /// memory of floats, and no ranking it changes measurably):
    /// `docs[i * dims..(i + 1) * dims]`.
    docs: Vec<i8>,
}

/// Runs `f` compiled for the widest vector unit the processor has (AVX2
/// and FMA where it has them, by pulp's dispatch at run time): the loops
/// of the latent space are sums of products over 160 floats, which a
/// build for any x86-64 does four at a time. Each sum is the same sum,
/// made more at a time (a product and a sum are never fused into one).
#[inline(always)]
pub(super) fn vectorized<R>(f: impl FnOnce() -> R) -> R {
    pulp::Arch::new().dispatch(f)
}

/// `q · r`, in eight sums at once: a float sum in one chain cannot be
/// reordered, so it would not use the vector unit (every ranking is a
/// pass of these over every paper).
#[inline(always)]
fn dot(q: &[f32], r: &[i8]) -> f32 {
    let mut acc = [0.0f32; 8];
    let (qs, rs) = (q.chunks_exact(8), r.chunks_exact(8));
    let tail: f32 = qs
        .remainder()
        .iter()
        .zip(rs.remainder())
        .map(|(a, &b)| a * f32::from(b))
        .sum();
    for (a, b) in qs.zip(rs) {
        for ((s, &x), &y) in acc.iter_mut().zip(a).zip(b) {
            *s += x * f32::from(y);
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// A coordinate of a place (length 1, so within ±1) in steps of 1/127.
fn quantized(x: f32) -> i8 {
    (x * 127.0).round() as i8
}

/// A small, deterministic generator of normal numbers.
#[derive(Clone, Copy)]
struct Normal(u64);

impl Normal {
    /// The next draw of the uniform generator, in (0, 1).
    fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        ((self.0 >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    fn next(&mut self) -> f32 {
        let (a, b) = (self.uniform(), self.uniform());
        ((-2.0 * a.ln()).sqrt() * (std::f64::consts::TAU * b).cos()) as f32
    }

    /// The next `len` normal numbers, the same as `len` calls of
    /// [`Normal::next`], made on every core: the uniform draws are cheap
    /// and made in order to find where each share starts; the logarithm
    /// and cosine, the costly part (millions of them at 30k terms), are
    /// shared out.
    fn many(&mut self, len: usize) -> Vec<f32> {
        const PER: usize = 1 << 16;
        let mut starts = Vec::with_capacity(len.div_ceil(PER));
        for k in 0..len {
            if k % PER == 0 {
                starts.push((k, *self));
            }
            self.uniform();
            self.uniform();
        }
        let parts = crate::par::map(starts, crate::par::cores(), |(k, mut rng)| {
            (k..(k + PER).min(len))
                .map(|_| rng.next())
                .collect::<Vec<f32>>()
        });
        parts.concat()
    }
}

/// The terms the space is learned from: the [`TERMS`] in most papers, of
/// those in at least [`SAMPLED`] of the papers it is learned from (`rows`).
/// Returns each term's place among them (`u32::MAX`: left out), and
/// them in order of paper count, most first ([`by_frequency`]).
fn learned_terms(m: &TfIdf, rows: &[usize]) -> (Vec<u32>, Vec<u32>) {
    let v = m.vocab.len();
    let mut sampled = vec![0u32; v];
    for &i in rows {
        for &t in m.row(i).0 {
            sampled[t as usize] += 1;
        }
    }
    let mut order: Vec<u32> = (0..v as u32)
        .filter(|&t| sampled[t as usize] >= SAMPLED)
        .collect();
    // A lower idf is a term in more papers.
    order.sort_unstable_by(|&a, &b| {
        m.vocab.idf[a as usize]
            .total_cmp(&m.vocab.idf[b as usize])
            .then(a.cmp(&b))
    });
    let mut at = vec![u32::MAX; v];
    order.truncate(TERMS);
    let mut chosen = order.clone();
    chosen.sort_unstable();
    for (k, &t) in chosen.iter().enumerate() {
        at[t as usize] = k as u32;
    }
    (at, order)
}

/// The terms' rows of `proj` (`dims` wide, placed by `at`) put in
/// `order`, the terms' paper counts' ([`learned_terms`]): placing a paper reads
/// the rows of its terms, mostly common ones, and with 30k rows (19 MB) in
/// the terms' order those reads went all over memory; the common ones
/// together stay in the processor's cache. Every sum is as before.
fn by_frequency(at: &[u32], order: &[u32], proj: &[f32], dims: usize) -> (Vec<u32>, Vec<f32>) {
    let mut moved = vec![0.0f32; proj.len()];
    let mut to = vec![u32::MAX; at.len()];
    for (row, &t) in order.iter().enumerate() {
        let k = at[t as usize] as usize;
        moved[row * dims..(row + 1) * dims].copy_from_slice(&proj[k * dims..(k + 1) * dims]);
        to[t as usize] = row as u32;
    }
    (to, moved)
}

/// Row-major dense matrices and the products the SVD needs.
struct Products<'a> {
    m: &'a TfIdf,
    rows: &'a [usize],
    /// Each term's place among the learned ones.
    at: &'a [u32],
    terms: usize,
    columns: Columns,
}

impl<'a> Products<'a> {
    fn new(m: &'a TfIdf, rows: &'a [usize], at: &'a [u32], terms: usize) -> Products<'a> {
        let columns = Columns::of(m, rows, at, terms);
        Products {
            m,
            rows,
            at,
            terms,
            columns,
        }
    }

    /// The rows times a dense `terms x l` matrix: `rows x l`.
    fn times(&self, dense: &[f32], l: usize) -> Vec<f32> {
        let per = self.rows.len().div_ceil(crate::par::cores() * 4).max(256);
        let chunks: Vec<&[usize]> = self.rows.chunks(per).collect();
        let parts = crate::par::map(chunks, crate::par::cores(), |rows| {
            let mut out = vec![0.0f32; rows.len() * l];
            let mut learned = Vec::new();
            vectorized(
                #[inline(always)]
                || {
                    for (r, &i) in rows.iter().enumerate() {
                        let (ts, ws) = self.m.row(i);
                        learned_rows(ts, ws, self.at, l, &mut learned);
                        sum_rows(&learned, dense, &mut out[r * l..(r + 1) * l]);
                    }
                },
            );
            out
        });
        parts.concat()
    }

    /// The rows' transpose times a dense `rows x l` matrix: `terms x l`,
    /// each term's row summed from its papers' rows in registers
    /// ([`Columns`]): spread row by row into the output, 9 MB per share,
    /// it cost five times the product the other way.
    fn times_t(&self, dense: &[f32], l: usize) -> Vec<f32> {
        let cols = &self.columns;
        // Shares of the terms; each term's sum is in its papers' order
        // whatever the share, so the same however many cores there are.
        let per = 256;
        let chunks: Vec<usize> = (0..self.terms).step_by(per).collect();
        let parts = crate::par::map(chunks, crate::par::cores(), |first| {
            let last = (first + per).min(self.terms);
            let mut out = vec![0.0f32; (last - first) * l];
            let mut rows = Vec::new();
            vectorized(
                #[inline(always)]
                || {
                    for k in first..last {
                        let (from, to) = (cols.start[k], cols.start[k + 1]);
                        rows.clear();
                        rows.extend(
                            cols.rows[from..to]
                                .iter()
                                .map(|&(r, w)| (r as usize * l, w)),
                        );
                        let at = (k - first) * l;
                        sum_rows(&rows, dense, &mut out[at..at + l]);
                    }
                },
            );
            out
        });
        parts.concat()
    }
}

/// The learned terms' columns of the sampled rows: for each term, the
/// rows it is in (their place in `rows`, ascending) and its weight there.
struct Columns {
    /// Term `k`'s entries: `rows[start[k]..start[k + 1]]`.
    start: Vec<usize>,
    rows: Vec<(u32, f32)>,
}

impl Columns {
    fn of(m: &TfIdf, rows: &[usize], at: &[u32], terms: usize) -> Columns {
        // Each row's learned terms (their places, width 1), counted, then
        // put in their terms' places.
        let mut learned = Vec::new();
        let mut start = vec![0usize; terms + 1];
        for &i in rows {
            let (ts, ws) = m.row(i);
            learned_rows(ts, ws, at, 1, &mut learned);
            learned.iter().for_each(|&(k, _)| start[k + 1] += 1);
        }
        for k in 0..terms {
            start[k + 1] += start[k];
        }
        let mut next = start.clone();
        let mut out = vec![(0u32, 0.0f32); start[terms]];
        for (r, &i) in rows.iter().enumerate() {
            let (ts, ws) = m.row(i);
            learned_rows(ts, ws, at, 1, &mut learned);
            for &(k, w) in &learned {
                out[next[k]] = (r as u32, w);
                next[k] += 1;
            }
        }
        Columns { start, rows: out }
    }
}

/// A row's learned terms for [`sum_rows`]: where each one's row starts in
/// a matrix `width` wide (by `at`, the terms' places), and its weight.
#[inline(always)]
fn learned_rows(
    terms: &[u32],
    weights: &[f32],
    at: &[u32],
    width: usize,
    out: &mut Vec<(usize, f32)>,
) {
    out.clear();
    out.extend(terms.iter().zip(weights).filter_map(|(&t, &w)| {
        let k = at[t as usize];
        (k != u32::MAX).then_some((k as usize * width, w))
    }));
}

/// `v = Σ w · m[at..at + v.len()]` over `rows`' `(at, w)`, summed in
/// registers a block of columns at a time: the running sum of 160 floats
/// held in memory was loaded and stored again for every term. Each column
/// is the same sum in the same order as one `axpy` per row.
#[inline(always)]
fn sum_rows(rows: &[(usize, f32)], m: &[f32], v: &mut [f32]) {
    let mut from = 0;
    from = sum_block::<64>(rows, m, v, from);
    from = sum_block::<32>(rows, m, v, from);
    from = sum_block::<16>(rows, m, v, from);
    from = sum_block::<8>(rows, m, v, from);
    let rest = &mut v[from..];
    rest.fill(0.0);
    for &(at, w) in rows {
        axpy(rest, w, &m[at + from..at + from + rest.len()]);
    }
}

/// [`sum_rows`] for the columns from `from`, `B` at a time while `B` fit;
/// returns where it stopped.
#[inline(always)]
fn sum_block<const B: usize>(
    rows: &[(usize, f32)],
    m: &[f32],
    v: &mut [f32],
    mut from: usize,
) -> usize {
    while from + B <= v.len() {
        let mut acc = [0.0f32; B];
        for &(at, w) in rows {
            let row: &[f32; B] = m[at + from..at + from + B].try_into().unwrap();
            for (a, &x) in acc.iter_mut().zip(row) {
                *a += w * x;
            }
        }
        v[from..from + B].copy_from_slice(&acc);
        from += B;
    }
    from
}

/// `dst += a * src`.
#[inline(always)]
fn axpy(dst: &mut [f32], a: f32, src: &[f32]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d += a * s;
    }
}

/// Rows per share of [`orth`]'s products: a fixed size, so its sums are
/// the same however many cores there are.
const ORTH_ROWS: usize = 4096;

/// An orthonormal basis of the columns of a row-major `n x l` matrix,
/// row-major, by Cholesky QR: Q = A R⁻¹ where RᵀR = AᵀA, both products
/// shared out over the cores (a Householder QR of the 30k-term matrix
/// of a wide library took a third of a second on one core). Each matrix
/// it is given is one product away from an orthonormal one (or a random
/// one), so it is well conditioned, and AᵀA is summed in doubles; where
/// the columns are (nearly) dependent, Householder QR does it.
fn orth(a: &[f32], l: usize) -> Vec<f32> {
    let cores = crate::par::cores();
    let chunks: Vec<&[f32]> = a.chunks(ORTH_ROWS * l).collect();
    let doubles = |c: &[f32]| Mat::<f64>::from_fn(c.len() / l, l, |i, j| f64::from(c[i * l + j]));
    let grams = crate::par::map(chunks.clone(), cores, |c| {
        let m = doubles(c);
        let mut g = Mat::<f64>::zeros(l, l);
        matmul(
            g.as_mut(),
            Accum::Replace,
            m.transpose(),
            m.as_ref(),
            1.0,
            Par::Seq,
        );
        g
    });
    let mut g = Mat::<f64>::zeros(l, l);
    for part in &grams {
        for j in 0..l {
            for i in 0..l {
                g[(i, j)] += part[(i, j)];
            }
        }
    }
    let Ok(llt) = g.llt(Side::Lower) else {
        return householder(a, l);
    };
    // R's diagonal spread bounds its condition from below: past 10⁴ the
    // basis would lose orthogonality in single precision.
    let diag = (0..l).map(|k| llt.L()[(k, k)]);
    let (lo, hi) = diag.fold((f64::MAX, 0.0f64), |(lo, hi), d| (lo.min(d), hi.max(d)));
    // (False for a NaN as well.)
    let conditioned = lo > hi * 1e-4;
    if !conditioned {
        return householder(a, l);
    }
    let mut inv = Mat::<f64>::identity(l, l);
    llt.L().solve_lower_triangular_in_place(inv.as_mut());
    let r_inv = inv.transpose().to_owned();
    let parts = crate::par::map(chunks, cores, |c| {
        let m = doubles(c);
        let mut q = Mat::<f64>::zeros(m.nrows(), l);
        matmul(
            q.as_mut(),
            Accum::Replace,
            m.as_ref(),
            r_inv.as_ref(),
            1.0,
            Par::Seq,
        );
        let mut out = vec![0.0f32; c.len()];
        for i in 0..m.nrows() {
            for j in 0..l {
                out[i * l + j] = q[(i, j)] as f32;
            }
        }
        out
    });
    parts.concat()
}

/// [`orth`] by Householder QR, on one core.
fn householder(a: &[f32], l: usize) -> Vec<f32> {
    let n = a.len() / l;
    let q = Mat::<f32>::from_fn(n, l, |i, j| a[i * l + j])
        .qr()
        .compute_thin_Q();
    let cols = q.ncols();
    let mut out = vec![0.0f32; n * l];
    for i in 0..n {
        for j in 0..cols.min(l) {
            out[i * l + j] = q[(i, j)];
        }
    }
    out
}

/// Papers up to which the SVD is exact (from the papers' Gram matrix).
const EXACT: usize = 1_000;

/// The top directions (the very top one left out: tf-idf weights are never
/// negative, so it points at the average paper, which every paper shares)
/// of an eigenproblem whose eigenvalues are the squared singular values:
/// each direction divided by its singular value, `rows x dims` row-major,
/// and how many there are.
fn top_directions(g: &Mat<f32>, dims: usize) -> Option<(Vec<f32>, usize)> {
    let eig = g.self_adjoint_eigen(Side::Lower).ok()?;
    let (u, s) = (eig.U(), eig.S());
    let l = g.nrows();
    // Eigenvalues ascend: the top ones are the last.
    let top: Vec<usize> = (0..l).rev().skip(1).take(dims).collect();
    let dims = top.len();
    let mut w = vec![0.0f32; l * dims];
    for (k, &j) in top.iter().enumerate() {
        let sigma = s[j].max(0.0).sqrt();
        if sigma > 1e-6 {
            for r in 0..l {
                w[r * dims + k] = u[(r, j)] / sigma;
            }
        }
    }
    Some((w, dims))
}

/// The exact SVD of a few papers: from the eigenproblem of A Aᵀ, whose
/// eigenvectors are U; a term's place is then V = Aᵀ U Σ⁻¹.
fn exact(p: &Products, dims: usize) -> Option<(Vec<f32>, usize)> {
    let n = p.rows.len();
    let mut g = Mat::<f32>::zeros(n, n);
    // Row i spread over the terms it learns from, so each product with it
    // is a gather.
    let mut dense = vec![0.0f32; p.at.len()];
    for i in 0..n {
        let (ts, ws) = p.m.row(p.rows[i]);
        for (&t, &w) in ts.iter().zip(ws) {
            if p.at[t as usize] != u32::MAX {
                dense[t as usize] = w;
            }
        }
        for j in 0..=i {
            let (tj, wj) = p.m.row(p.rows[j]);
            let sum: f32 = tj
                .iter()
                .zip(wj)
                .map(|(&t, &w)| dense[t as usize] * w)
                .sum();
            g[(i, j)] = sum;
            g[(j, i)] = sum;
        }
        for &t in ts {
            dense[t as usize] = 0.0;
        }
    }
    let (w, dims) = top_directions(&g, dims)?;
    Some((p.times_t(&w, dims), dims))
}

/// The randomized SVD of many papers (Halko et al.): the range of A caught
/// by a random product sharpened by power iterations, Q; then B = Qᵀ A, and
/// its SVD from the eigenproblem of B Bᵀ = Cᵀ C with C = Aᵀ Q; a term's
/// place is V = C W Σ⁻¹.
fn randomized(p: &Products, dims: usize) -> Option<(Vec<f32>, usize)> {
    let terms = p.terms;
    let l = (dims + 1 + OVERSAMPLE).min(p.rows.len()).min(terms);
    let mut rng = Normal(0x2545_f491_4f6c_dd1d);
    let omega = rng.many(terms * l);
    let mut y = p.times(&omega, l);
    for _ in 0..POWER {
        let z = orth(&p.times_t(&orth(&y, l), l), l);
        y = p.times(&z, l);
    }
    let q = orth(&y, l);
    let c = p.times_t(&q, l);
    let c = Mat::<f32>::from_fn(terms, l, |i, j| c[i * l + j]);
    let mut g = Mat::<f32>::zeros(l, l);
    matmul(
        g.as_mut(),
        Accum::Replace,
        c.transpose(),
        c.as_ref(),
        1.0,
        Par::Seq,
    );
    let (w, dims) = top_directions(&g, dims)?;
    let w = Mat::<f32>::from_fn(l, dims, |i, j| w[i * dims + j]);
    let mut v = Mat::<f32>::zeros(terms, dims);
    matmul(
        v.as_mut(),
        Accum::Replace,
        c.as_ref(),
        w.as_ref(),
        1.0,
        Par::Seq,
    );
    let mut proj = vec![0.0f32; terms * dims];
    for t in 0..terms {
        for k in 0..dims {
            proj[t * dims + k] = v[(t, k)];
        }
    }
    Some((proj, dims))
}

impl Lsa {
    /// Learns the space from the rows of `m` (all of them, or an even
    /// sample) and places every paper in it.
    pub fn build(m: &TfIdf) -> Lsa {
        Lsa::with_dims(m, dims_for(m.len()))
    }

    /// [`Lsa::build`] with at most `dims` dimensions (fewer than half the
    /// papers, and a third of the terms): the baseline the ranking is
    /// measured against has 50.
    pub fn with_dims(m: &TfIdf, dims: usize) -> Lsa {
        let n = m.len();
        let step = n.div_ceil(SAMPLE).max(1);
        let rows: Vec<usize> = (0..n).step_by(step).collect();
        let (at, order) = learned_terms(m, &rows);
        let terms = order.len();
        let dims = dims.min(n / 2).min(terms / 3);
        if dims < 2 {
            return Lsa::default();
        }
        let p = Products::new(m, &rows, &at, terms);
        let found = if rows.len() <= EXACT {
            exact(&p, dims)
        } else {
            randomized(&p, dims)
        };
        let Some((proj, dims)) = found else {
            return Lsa::default();
        };
        let (at, proj) = by_frequency(&at, &order, &proj, dims);
        let mut lsa = Lsa {
            dims,
            at,
            proj,
            docs: Vec::new(),
        };
        lsa.docs = lsa.place_all(m);
        lsa
    }

    /// Every paper's place, on every core.
    fn place_all(&self, m: &TfIdf) -> Vec<i8> {
        let n = m.len();
        let per = n.div_ceil(crate::par::cores() * 4).max(512);
        let ranges: Vec<std::ops::Range<usize>> =
            (0..n).step_by(per).map(|s| s..(s + per).min(n)).collect();
        let parts = crate::par::map(ranges, crate::par::cores(), |r| {
            let mut out = Vec::with_capacity(r.len() * self.dims);
            let mut v = vec![0.0f32; self.dims];
            let mut rows = Vec::new();
            vectorized(
                #[inline(always)]
                || {
                    for i in r {
                        let (ts, ws) = m.row(i);
                        self.place_into(ts, ws, &mut rows, &mut v);
                        out.extend(v.iter().map(|&x| quantized(x)));
                    }
                },
            );
            out
        });
        parts.concat()
    }

    /// The places of the papers of `m`, an index folded from the one this
    /// space was learned on ([`super::TfIdf::fold`]): paper `i` keeps its
    /// place `from[i]` when it has one, and is placed by its terms when new.
    pub(super) fn fold(mut self, from: &[Option<usize>], m: &TfIdf) -> Lsa {
        if self.is_empty() {
            return self;
        }
        let mut docs = super::bin::vec_for(from.len() * self.dims);
        for (i, f) in from.iter().enumerate() {
            match *f {
                Some(k) => docs.extend_from_slice(self.row(k)),
                None => {
                    let (ts, ws) = m.row(i);
                    docs.extend(self.place(ts, ws).iter().map(|&x| quantized(x)));
                }
            }
        }
        self.docs = docs;
        self
    }

    /// Where a row of terms goes, length 1.
    pub fn place(&self, terms: &[u32], weights: &[f32]) -> Vec<f32> {
        let mut v = vec![0.0f32; self.dims];
        vectorized(
            #[inline(always)]
            || self.place_into(terms, weights, &mut Vec::new(), &mut v),
        );
        v
    }

    /// [`Lsa::place`] into `v` (`dims` long); `rows` is room for the
    /// paper's learned terms.
    #[inline(always)]
    fn place_into(
        &self,
        terms: &[u32],
        weights: &[f32],
        rows: &mut Vec<(usize, f32)>,
        v: &mut [f32],
    ) {
        let d = self.dims;
        learned_rows(terms, weights, &self.at, d, rows);
        sum_rows(rows, &self.proj, v);
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| *x /= norm);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.dims == 0
    }

    /// Papers placed.
    pub fn len(&self) -> usize {
        self.docs.len().checked_div(self.dims).unwrap_or(0)
    }

    /// Paper `i`'s place.
    pub fn doc(&self, i: usize) -> Vec<f32> {
        self.row(i).iter().map(|&x| f32::from(x) / 127.0).collect()
    }

    fn row(&self, i: usize) -> &[i8] {
        &self.docs[i * self.dims..(i + 1) * self.dims]
    }

    /// The cosine of paper `i`'s place with `q` (length 1); within
    /// [`vectorized`] for a pass over many.
    #[inline(always)]
    pub fn cosine(&self, q: &[f32], i: usize) -> f32 {
        dot(q, self.row(i)) / 127.0
    }

    /// For the cache.
    pub(super) fn write(&self, out: &mut super::bin::Out) {
        out.u32(self.dims as u32);
        out.u32s(&self.at);
        out.f32s(&self.proj);
        out.i8s(&self.docs);
    }

    /// What [`Lsa::write`] writes, in bytes.
    pub(super) fn bytes(&self) -> usize {
        16 + 4 * (self.at.len() + self.proj.len()) + self.docs.len()
    }

    /// What [`Lsa::write`] wrote for `terms` terms and `papers` papers,
    /// checked for shape.
    pub(super) fn read<R: std::io::Read>(
        r: &mut super::bin::In<R>,
        terms: usize,
        papers: usize,
    ) -> Option<Lsa> {
        let dims = r.u32()? as usize;
        let lsa = Lsa {
            dims,
            at: r.u32s()?,
            proj: r.f32s()?,
            docs: r.i8s()?,
        };
        if dims == 0 {
            return Some(Lsa::default());
        }
        let rows = lsa.at.iter().filter(|&&k| k != u32::MAX).count();
        let whole = lsa.at.len() == terms
            && lsa.at.iter().all(|&k| k == u32::MAX || (k as usize) < rows)
            && lsa.proj.len() == rows * dims
            && lsa.docs.len() == papers * dims;
        whole.then_some(lsa)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_summed_in_blocks_are_the_sums_made_row_by_row() {
        let mut rng = Normal(7);
        // Widths of every block and none, and a tail of each length.
        for width in [1, 7, 8, 10, 63, 64, 65, 120, 160, 171] {
            let m: Vec<f32> = (0..width * 5).map(|_| rng.next()).collect();
            let rows: Vec<(usize, f32)> = [3, 0, 4, 1, 3]
                .iter()
                .map(|&r| (r * width, rng.next()))
                .collect();
            let mut want = vec![0.0f32; width];
            for &(at, w) in &rows {
                axpy(&mut want, w, &m[at..at + width]);
            }
            let mut got = vec![f32::NAN; width];
            sum_rows(&rows, &m, &mut got);
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&got), bits(&want), "{width} wide");
        }
    }

    #[test]
    fn the_transposed_product_sums_each_term_over_its_papers_in_order() {
        // Enough terms for several shares of [`Products::times_t`], and a
        // sample of the rows (every third) with terms left out.
        let docs: Vec<String> = (0..300)
            .map(|i| {
                (0..12)
                    .map(|k| {
                        let w = (i * 7 + k * 13) % 400;
                        let letter = |x: usize| char::from(b'a' + (x % 26) as u8);
                        format!("{}{}zq", letter(w / 26), letter(w))
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let docs: Vec<super::super::Doc> = (docs.iter())
            .map(|t| super::super::Doc {
                title: "",
                abstract_: t,
                authors: &[],
            })
            .collect();
        let m = TfIdf::build(&docs);
        let rows: Vec<usize> = (0..docs.len()).step_by(3).collect();
        let (at, order) = learned_terms(&m, &rows);
        let terms = order.len();
        assert!(terms > 256, "{terms} terms: more than one share");
        let p = Products::new(&m, &rows, &at, terms);
        let l = 19;
        let mut rng = Normal(11);
        let dense: Vec<f32> = (0..rows.len() * l).map(|_| rng.next()).collect();
        let mut want = vec![0.0f32; terms * l];
        for (r, &i) in rows.iter().enumerate() {
            let (ts, ws) = m.row(i);
            for (&t, &w) in ts.iter().zip(ws) {
                let k = at[t as usize];
                if k != u32::MAX {
                    let k = k as usize;
                    axpy(&mut want[k * l..(k + 1) * l], w, &dense[r * l..(r + 1) * l]);
                }
            }
        }
        let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&p.times_t(&dense, l)), bits(&want));
    }

    #[test]
    fn normals_made_on_every_core_are_those_made_in_turn() {
        // Over two shares and a part, so a share's start is checked.
        let len = 2 * (1 << 16) + 5;
        let mut one = Normal(0x2545_f491_4f6c_dd1d);
        let in_turn: Vec<f32> = (0..len).map(|_| one.next()).collect();
        let mut many = Normal(0x2545_f491_4f6c_dd1d);
        let made = many.many(len);
        let first_off = (0..len).find(|&k| made.get(k) != in_turn.get(k));
        assert_eq!(
            (made.len(), first_off),
            (len, None),
            "the first that differs"
        );
        assert_eq!(many.0, one.0, "left where the calls in turn leave it");
        assert!(Normal(3).many(0).is_empty());
    }

    /// `QᵀQ`'s farthest entry from the identity's, and how far `a`'s
    /// columns are from the span of `q`'s (both row-major, `l` wide).
    fn basis_errors(a: &[f32], q: &[f32], l: usize) -> (f64, f64) {
        let n = a.len() / l;
        let col =
            |m: &[f32], j: usize| -> Vec<f64> { (0..n).map(|i| f64::from(m[i * l + j])).collect() };
        let mut ortho = 0.0f64;
        for j in 0..l {
            for k in 0..l {
                let d: f64 = col(q, j).iter().zip(col(q, k)).map(|(x, y)| x * y).sum();
                ortho = ortho.max((d - if j == k { 1.0 } else { 0.0 }).abs());
            }
        }
        let mut span = 0.0f64;
        for j in 0..l {
            // a_j less its projection on q's columns, against |a_j|.
            let mut r = col(a, j);
            for k in 0..l {
                let d: f64 = col(q, k).iter().zip(&r).map(|(x, y)| x * y).sum();
                r.iter_mut().zip(col(q, k)).for_each(|(x, y)| *x -= d * y);
            }
            let norm = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>().sqrt();
            span = span.max(norm(&r) / norm(&col(a, j)));
        }
        (ortho, span)
    }

    #[test]
    fn orth_gives_an_orthonormal_basis_of_the_same_columns() {
        // Over two shares of rows, and columns of very different lengths
        // (as the power iterations' are): Cholesky QR.
        let (n, l) = (ORTH_ROWS + 300, 12);
        let mut rng = Normal(11);
        let a: Vec<f32> = (0..n * l)
            .map(|k| rng.next() * (1.0 + 30.0 * (k % l) as f32))
            .collect();
        let (ortho, span) = basis_errors(&a, &orth(&a, l), l);
        assert!(ortho < 1e-5 && span < 1e-5, "{ortho} {span}");
        // A column that is twice another: no Cholesky factor, so
        // Householder QR, which still spans the columns.
        let mut b = a.clone();
        for i in 0..n {
            b[i * l + 3] = 2.0 * b[i * l + 1];
        }
        let q = orth(&b, l);
        assert_eq!(q, householder(&b, l));
        let (_, span) = basis_errors(&b, &q, l);
        assert!(span < 1e-5, "{span}");
    }

    #[test]
    fn a_term_in_one_of_the_papers_learned_from_is_not_learned() {
        let texts = [
            "quantum graph",
            "quantum",
            "graph",
            "quantum",
            "alpha",
            "alpha",
            "beta",
            "beta",
            "gamma",
            "gamma",
            "delta",
            "delta",
        ];
        let docs: Vec<super::super::Doc> = (texts.iter())
            .map(|t| super::super::Doc {
                title: t,
                abstract_: "",
                authors: &[],
            })
            .collect();
        let m = TfIdf::build(&docs);
        let id = |t: &str| m.vocab.id(t).unwrap() as usize;
        let learned = |rows: &[usize]| {
            let (at, order) = learned_terms(&m, rows);
            let mut names: Vec<&str> = order.iter().map(|&t| &*m.vocab.terms[t as usize]).collect();
            names.sort_unstable();
            assert_eq!(order.len(), at.iter().filter(|&&k| k != u32::MAX).count());
            names
        };
        // Every paper learned from: every term of the index (each in two
        // papers or more).
        let all: Vec<usize> = (0..texts.len()).collect();
        assert_eq!(
            learned(&all),
            ["alpha", "beta", "delta", "gamma", "graph", "quantum"]
        );
        // One in two: "quantum" is in three papers but one of those
        // learned from (0, 2, 4, …); "graph" in two of them.
        let even: Vec<usize> = (0..texts.len()).step_by(2).collect();
        assert_eq!(learned(&even), ["graph"]);
        let (at, _) = learned_terms(&m, &even);
        assert_eq!(at[id("quantum")], u32::MAX);
    }

    #[test]
    fn rows_put_by_frequency_place_every_paper_where_it_was() {
        let docs: Vec<super::super::Doc> = (0..60)
            .map(|i| super::super::Doc {
                title: ["Speech models", "Vision models", "Robot arms"][i % 3],
                abstract_: [
                    "We separate speech from noise with models.",
                    "Images become patches; vision transformers read them.",
                    "A robot arm grasps objects from images.",
                ][(i / 3) % 3],
                authors: &[],
            })
            .collect();
        let m = TfIdf::build(&docs);
        let rows: Vec<usize> = (0..60).collect();
        let (at, order) = learned_terms(&m, &rows);
        let terms = order.len();
        let p = Products::new(&m, &rows, &at, terms);
        let (proj, dims) = exact(&p, 4).unwrap();
        let before = Lsa {
            dims,
            at: at.clone(),
            proj: proj.clone(),
            docs: Vec::new(),
        };
        let (at2, proj2) = by_frequency(&at, &order, &proj, dims);
        assert_ne!(at2, at, "the order changed");
        let after = Lsa {
            dims,
            at: at2,
            proj: proj2,
            docs: Vec::new(),
        };
        for i in 0..60 {
            let (ts, ws) = m.row(i);
            assert_eq!(before.place(ts, ws), after.place(ts, ws));
        }
    }
}
