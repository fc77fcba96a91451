//! A linear SVM on sparse rows: scikit-learn's `LinearSVC` (squared hinge
//! loss, L2 penalty, an intercept that is regularised too, balanced class
//! weights), solved as liblinear does, by dual coordinate descent (Hsieh et
//! al. 2008).

/// A row: terms ascending, and their weights.
pub type Row<'a> = (&'a [u32], &'a [f32]);

/// A trained model: `score(x) = w·x + b`.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub w: Vec<f32>,
    pub b: f32,
}

impl Model {
    pub fn score(&self, (terms, weights): Row) -> f32 {
        terms
            .iter()
            .zip(weights)
            .map(|(&t, &x)| self.w.get(t as usize).map_or(0.0, |w| w * x))
            .sum::<f32>()
            + self.b
    }
}

/// Trains on `rows` labelled `positive` (the rest negative) with cost `c`;
/// `dims` is the number of terms.
pub fn train(rows: &[Row], positive: &[bool], dims: usize, c: f32) -> Model {
    let n = rows.len();
    let n_pos = positive.iter().filter(|&&p| p).count().max(1) as f32;
    let n_neg = (n as f32 - n_pos).max(1.0);
    // class_weight='balanced': n / (2 n_class).
    let cost = |pos: bool| c * n as f32 / (2.0 * if pos { n_pos } else { n_neg });
    let y: Vec<f32> = positive
        .iter()
        .map(|&p| if p { 1.0 } else { -1.0 })
        .collect();
    let diag: Vec<f32> = positive.iter().map(|&p| 0.5 / cost(p)).collect();
    let qii: Vec<f32> = (0..n)
        .map(|i| rows[i].1.iter().map(|x| x * x).sum::<f32>() + 1.0 + diag[i])
        .collect();
    let mut m = Model {
        w: vec![0.0; dims],
        b: 0.0,
    };
    let mut alpha = vec![0.0f32; n];
    let mut order: Vec<usize> = (0..n).collect();
    let mut seed = 1u64;
    for _ in 0..1000 {
        // A new order each pass, as liblinear does.
        for k in (1..n).rev() {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            order.swap(k, (seed >> 33) as usize % (k + 1));
        }
        let (mut hi, mut lo) = (f32::MIN, f32::MAX);
        for &i in &order {
            let g = y[i] * m.score(rows[i]) - 1.0 + diag[i] * alpha[i];
            let pg = if alpha[i] == 0.0 { g.min(0.0) } else { g };
            hi = hi.max(pg);
            lo = lo.min(pg);
            if pg.abs() > 1e-12 {
                let old = alpha[i];
                alpha[i] = (alpha[i] - g / qii[i]).max(0.0);
                let step = (alpha[i] - old) * y[i];
                let (terms, weights) = rows[i];
                for (&t, &x) in terms.iter().zip(weights) {
                    m.w[t as usize] += step * x;
                }
                m.b += step;
            }
        }
        if hi - lo < 1e-3 {
            break;
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_two_groups_by_their_terms() {
        let rows: Vec<(Vec<u32>, Vec<f32>)> = vec![
            (vec![0, 1], vec![0.8, 0.6]),
            (vec![0, 2], vec![0.6, 0.8]),
            (vec![3, 4], vec![0.6, 0.8]),
            (vec![2, 4], vec![0.6, 0.8]),
            (vec![3], vec![1.0]),
        ];
        let refs: Vec<Row> = rows
            .iter()
            .map(|(t, w)| (t.as_slice(), w.as_slice()))
            .collect();
        let m = train(&refs, &[true, true, false, false, false], 5, 1.0);
        assert!(m.w[0] > 0.0 && m.w[3] < 0.0 && m.w[4] < 0.0);
        let score = |i: usize| m.score(refs[i]);
        assert!(score(0) > score(3) && score(1) > score(4));
    }
}
