//! Ranking quality on the evaluation set (`tests/fixtures/ranking`), on
//! libraries of 150, 3,523 and 40,000 papers: precision@10 of paperboy's
//! ranking and of the plain 50-dimension latent cosine, with 5 and 2
//! saved papers, per topic. `PAPERBOY_TUNE=1` instead runs the grid the
//! ranking's constants were chosen from, by leave-one-topic-out
//! cross-validation. `PAPERBOY_EMBED_TEXTS` and `PAPERBOY_EMBEDDINGS`
//! measure a sentence-embedding model against it and blended with it
//! (`benches/embed.py` computes the vectors).

#[path = "../tests/common/eval.rs"]
mod eval;

use eval::{Library, Size};
use paperboy::rank::{self, Index, Lsa, TfIdf};

const DRAWS: usize = 10;

fn z(v: &mut [f32]) {
    let n = v.len().max(1) as f32;
    let mean = v.iter().sum::<f32>() / n;
    let sd = (v.iter().map(|x| (x - mean) * (x - mean)).sum::<f32>() / n).sqrt();
    let sd = if sd > 0.0 { sd } else { 1.0 };
    v.iter_mut().for_each(|x| *x = (*x - mean) / sd);
}

/// Every paper's place in a space, as floats, length 1.
struct Space {
    dims: usize,
    docs: Vec<f32>,
}

impl Space {
    fn of(lsa: &Lsa) -> Space {
        let n = lsa.len();
        let mut docs = Vec::with_capacity(n * lsa.dims);
        for i in 0..n {
            docs.extend(lsa.doc(i));
        }
        Space {
            dims: lsa.dims,
            docs,
        }
    }

    fn mean(&self, papers: &[usize], weights: &[f32]) -> Vec<f32> {
        let d = self.dims;
        let mut m = vec![0.0f32; d];
        for (&i, &w) in papers.iter().zip(weights) {
            let row = &self.docs[i * d..(i + 1) * d];
            m.iter_mut().zip(row).for_each(|(x, r)| *x += w * r);
        }
        let norm = m.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
        m.iter_mut().for_each(|x| *x /= norm);
        m
    }

    fn cosines(&self, q: &[f32]) -> Vec<f32> {
        self.docs
            .chunks(self.dims)
            .map(|r| r.iter().zip(q).map(|(a, b)| a * b).sum())
            .collect()
    }
}

fn words(m: &TfIdf, saved: &[usize]) -> Vec<f32> {
    let mut q = vec![0.0f32; m.vocab.len()];
    for &i in saved {
        let (ts, ws) = m.row(i);
        for (&t, &w) in ts.iter().zip(ws) {
            q[t as usize] += w;
        }
    }
    (0..m.len())
        .map(|i| {
            let (ts, ws) = m.row(i);
            ts.iter().zip(ws).map(|(&t, &w)| q[t as usize] * w).sum()
        })
        .collect()
}

/// A setting of the grid.
#[derive(Clone, Debug)]
struct Setting {
    dims: usize,
    /// The latent cosine's share against the words' (z-scores).
    latent: f32,
    /// Pseudo-relevance feedback: the best `prf` papers added to the
    /// query's place with this weight (0: none).
    prf: usize,
    prf_weight: f32,
}

fn score(s: &Setting, m: &TfIdf, space: &Space, saved: &[usize]) -> Vec<f32> {
    let ones = vec![1.0f32; saved.len()];
    let mut lat = space.cosines(&space.mean(saved, &ones));
    z(&mut lat);
    let mut w = if s.latent < 1.0 {
        let mut w = words(m, saved);
        z(&mut w);
        w
    } else {
        vec![0.0; lat.len()]
    };
    let mut total: Vec<f32> = lat
        .iter()
        .zip(&w)
        .map(|(l, w)| s.latent * l + (1.0 - s.latent) * w)
        .collect();
    if s.prf > 0 {
        let top = rank::best(&total, saved, s.prf);
        let mut papers = saved.to_vec();
        let mut weights = vec![1.0f32; saved.len()];
        for (i, _) in top {
            papers.push(i);
            weights.push(s.prf_weight * saved.len() as f32 / s.prf as f32);
        }
        lat = space.cosines(&space.mean(&papers, &weights));
        z(&mut lat);
        w.iter_mut()
            .zip(&lat)
            .zip(&mut total)
            .for_each(|((w, l), t)| {
                *t = s.latent * l + (1.0 - s.latent) * *w;
            });
    }
    total
}

fn tune(size: Size, k: usize) {
    let d = eval::archive();
    let l: Library = eval::library(&d, size, &|docs| Index {
        tfidf: TfIdf::build(docs),
        lsa: Lsa::default(),
    });
    let m = &l.index.tfidf;
    let dims: &[usize] = if size == Size::Small {
        &[10, 15, 20, 30, 40, 50, 64]
    } else {
        &[30, 50, 64, 80, 100, 128, 160, 200]
    };
    let spaces: Vec<Space> = dims
        .iter()
        .map(|&dd| Space::of(&Lsa::with_dims(m, dd)))
        .collect();
    let mut grid = Vec::new();
    for (si, &dd) in dims.iter().enumerate() {
        for latent in [1.0, 0.9, 0.8, 0.7, 0.6, 0.5] {
            for (prf, pw) in [(0, 0.0), (5, 0.5), (10, 0.5), (10, 1.0)] {
                grid.push((
                    si,
                    Setting {
                        dims: dd,
                        latent,
                        prf,
                        prf_weight: pw,
                    },
                ));
            }
        }
    }
    // Per setting, per topic precision.
    let table: Vec<Vec<f32>> = grid
        .iter()
        .map(|(si, s)| {
            let p = eval::precision(&l, k, DRAWS, &|saved| score(s, m, &spaces[*si], saved));
            p.per_topic.iter().map(|(_, x)| *x).collect()
        })
        .collect();
    let topics = l.topics.len();
    let mean = |row: &Vec<f32>, skip: usize| {
        let v: Vec<f32> = row
            .iter()
            .enumerate()
            .filter(|(t, _)| *t != skip)
            .map(|(_, x)| *x)
            .collect();
        v.iter().sum::<f32>() / v.len() as f32
    };
    let mut order: Vec<usize> = (0..grid.len()).collect();
    order.sort_by(|&a, &b| mean(&table[b], usize::MAX).total_cmp(&mean(&table[a], usize::MAX)));
    println!("{} , {k} saved: best settings", l.name);
    for &g in order.iter().take(12) {
        println!("  {:.3} {:?}", mean(&table[g], usize::MAX), grid[g].1);
    }
    for &dd in dims {
        let g = (0..grid.len())
            .find(|&g| grid[g].1.dims == dd && grid[g].1.latent == 1.0 && grid[g].1.prf == 0)
            .unwrap();
        println!("  plain latent {dd}: {:.3}", mean(&table[g], usize::MAX));
    }
    // Leave one topic out: choose on the others, measure on it.
    let mut cv = 0.0;
    for t in 0..topics {
        let g = (0..grid.len())
            .max_by(|&a, &b| mean(&table[a], t).total_cmp(&mean(&table[b], t)))
            .unwrap();
        cv += table[g][t];
        println!(
            "  held out {}: chose {:?} -> {:.2}",
            l.topics[t].0, grid[g].1, table[g][t]
        );
    }
    println!("  cross-validated precision@10 {:.3}", cv / topics as f32);
}

/// How papers marked "not for me" should count: 5 saved of a topic and 5
/// skipped of another, the latent space of the size's dimensions. Rocchio
/// (the query less γ times the skipped papers' mean place) against a
/// penalty on papers nearer the skipped papers than the saved ones.
fn tune_not(size: Size) {
    let d = eval::archive();
    let l = eval::library(&d, size, &Index::build);
    let space = Space::of(&l.index.lsa);
    for g in [0.0f32, 0.25, 0.5, 1.0, 2.0] {
        let rocchio = eval::precision_skipping(&l, 5, DRAWS, &|saved, skipped| {
            let ones = vec![1.0f32; saved.len()];
            let mut c = space.mean(saved, &ones);
            let away = space.mean(skipped, &ones);
            c.iter_mut().zip(&away).for_each(|(x, a)| *x -= g * a);
            space.cosines(&c)
        });
        let penalty = eval::precision_skipping(&l, 5, DRAWS, &|saved, skipped| {
            let ones = vec![1.0f32; saved.len()];
            let near = space.cosines(&space.mean(saved, &ones));
            let away = space.cosines(&space.mean(skipped, &ones));
            near.iter()
                .zip(&away)
                .map(|(n, a)| n - g * (a - n).max(0.0))
                .collect()
        });
        println!(
            "{}, 5 saved + 5 skipped, weight {g}: Rocchio {rocchio}",
            l.name
        );
        println!(
            "{}, 5 saved + 5 skipped, weight {g}: penalty {penalty}",
            l.name
        );
    }
}

/// Writes the archive's papers, title then abstract, a JSON string a line
/// in the library's order, for `benches/embed.py`.
fn embed_texts(path: &str) {
    use std::io::Write;
    let d = eval::archive();
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("texts file"));
    for doc in rank::docs(&d) {
        let text = format!("{}. {}", doc.title, doc.abstract_);
        writeln!(out, "{}", serde_json::to_string(&text).unwrap()).unwrap();
    }
    out.flush().unwrap();
}

/// Precision on the archive of the embeddings in `path` (384 f32 a paper,
/// the library's order): alone, and blended with paperboy's scores at
/// several weights (z-scores summed). The weights are not chosen by
/// cross-validation: the best of them is an upper bound on the gain.
fn embeddings(path: &str) {
    let bytes = std::fs::read(path).expect("embeddings file");
    let d = eval::archive();
    let l = eval::library(&d, Size::Archive, &Index::build);
    let n = l.index.lsa.len();
    let dims = bytes.len() / 4 / n;
    assert_eq!(dims * n * 4, bytes.len(), "{n} papers of whole f32 vectors");
    let space = Space {
        dims,
        docs: bytes
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect(),
    };
    let model = |saved: &[usize]| space.cosines(&space.mean(saved, &vec![1.0; saved.len()]));
    let blend = |w: f32, saved: &[usize]| {
        let mut ours = l.index.scores(&l.index.like_all(saved, &[]));
        let mut theirs = model(saved);
        z(&mut ours);
        z(&mut theirs);
        ours.iter().zip(&theirs).map(|(a, b)| a + w * b).collect()
    };
    println!("{}: embeddings of {dims} dimensions", l.name);
    for k in [5, 2] {
        let ours = eval::precision(&l, k, DRAWS, &|saved| {
            l.index.scores(&l.index.like_all(saved, &[]))
        });
        println!("{k} saved: paperboy {ours}");
        println!("{k} saved: model {}", eval::precision(&l, k, DRAWS, &model));
        for w in [0.25f32, 0.5, 1.0] {
            let p = eval::precision(&l, k, DRAWS, &|saved| blend(w, saved));
            println!("{k} saved: paperboy + {w} model {p}");
        }
    }
    let similar = eval::precision_similar(&l, &|p| l.index.scores(&l.index.like(p)));
    println!("more like this: paperboy {similar}");
    let similar = eval::precision_similar(&l, &|p| model(&[p]));
    println!("more like this: model {similar}");
    for w in [0.25f32, 0.5, 1.0] {
        let p = eval::precision_similar(&l, &|p| blend(w, &[p]));
        println!("more like this: paperboy + {w} model {p}");
    }
}

fn main() {
    if let Ok(path) = std::env::var("PAPERBOY_EMBED_TEXTS") {
        return embed_texts(&path);
    }
    if let Ok(path) = std::env::var("PAPERBOY_EMBEDDINGS") {
        return embeddings(&path);
    }
    if let Ok(size) = std::env::var("PAPERBOY_TUNE_NOT") {
        let size = match size.as_str() {
            "small" => Size::Small,
            "big" => Size::Big(40_000),
            _ => Size::Archive,
        };
        return tune_not(size);
    }
    if std::env::var_os("PAPERBOY_TUNE").is_some() {
        let sizes: Vec<Size> = match std::env::var("PAPERBOY_TUNE").unwrap().as_str() {
            "small" => vec![Size::Small],
            "big" => vec![Size::Big(40_000)],
            "archive" => vec![Size::Archive],
            _ => vec![Size::Small, Size::Archive, Size::Big(40_000)],
        };
        for s in sizes {
            tune(s, 5);
            tune(s, 2);
        }
        return;
    }
    let d = eval::archive();
    let sizes: Vec<Size> = match std::env::var("PAPERBOY_SIZE").as_deref() {
        Ok("small") => vec![Size::Small],
        Ok("archive") => vec![Size::Archive],
        Ok("big") => vec![Size::Big(40_000)],
        _ => vec![Size::Small, Size::Archive, Size::Big(40_000)],
    };
    for size in sizes {
        let start = std::time::Instant::now();
        let l = eval::library(&d, size, &Index::build);
        println!(
            "{}: index built in {:.2} s, {} latent dimensions",
            l.name,
            start.elapsed().as_secs_f64(),
            l.index.lsa.dims
        );
        let base = rank::baseline::Latent::build(&l.index.tfidf, 50);
        for k in [5, 2] {
            let ours = eval::precision(&l, k, DRAWS, &|saved| {
                l.index.scores(&l.index.like_all(saved, &[]))
            });
            let theirs = eval::precision(&l, k, DRAWS, &|saved| base.scores(saved));
            println!("{}, {k} saved: paperboy {ours}", l.name);
            println!("{}, {k} saved: latent 50 {theirs}", l.name);
        }
        let skip = eval::precision_skipping(&l, 5, DRAWS, &|saved, skipped| {
            l.index.scores(&l.index.like_but(saved, &[], skipped, &[]))
        });
        let no_skip = eval::precision_skipping(&l, 5, DRAWS, &|saved, _| {
            l.index.scores(&l.index.like_all(saved, &[]))
        });
        println!(
            "{}, 5 saved + 5 skipped of another topic: paperboy {skip}",
            l.name
        );
        println!(
            "{}, the same without the skipped: paperboy {no_skip}",
            l.name
        );
        let similar = eval::precision_similar(&l, &|p| l.index.scores(&l.index.like(p)));
        let similar_base = eval::precision_similar(&l, &|p| base.scores(&[p]));
        println!("{}, more like this: paperboy {similar}", l.name);
        println!("{}, more like this: latent 50 {similar_base}", l.name);
    }
}
