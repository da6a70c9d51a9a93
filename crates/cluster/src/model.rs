//! The learned article–event similarity: a logistic regression over content signals, with
//! weights fitted on labelled corpora (`storyline eval train-events`) and shipped in
//! `data/event_model.json`, times a fixed decay with the days between the article and the
//! event. Time stays outside the learned part on purpose: the corpora with rich content
//! labels (ECB+) are undated, and a model fitted on them would learn nothing about time and
//! merge look-alike events weeks apart.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// What compares an article with an event.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Signals {
    /// Cosine of the article's terms and the event's.
    pub text: f64,
    /// Cosine of canonical entities.
    pub entities: f64,
    /// The highest term cosine with one of the event's (most recent) articles.
    pub nearest: f64,
    /// 1 within a day, halving every `TIME_HALF_LIFE_DAYS` beyond; 1 when a date is unknown.
    pub time: f64,
    /// Whether both the article and the event are dated.
    pub dated: bool,
}

/// Days apart at which the time signal halves (beyond one day of slack).
pub const TIME_HALF_LIFE_DAYS: f64 = 4.0;

/// The time signal for two dates `days` apart.
pub fn time_signal(days: i64) -> f64 {
    let beyond = (days - 1).max(0) as f64;
    0.5f64.powf(beyond / TIME_HALF_LIFE_DAYS)
}

/// The most days an article and an event can be apart and still reach `threshold`
/// (the probability is at most the time signal).
pub fn max_days_apart(threshold: f64) -> i64 {
    if threshold <= 0.0 {
        return i64::MAX / 2;
    }
    let halvings = (1.0 / threshold.min(1.0)).log2().max(0.0);
    1 + (halvings * TIME_HALF_LIFE_DAYS).ceil() as i64
}

/// The feature names, in the order of [`Signals::vector`] and the model's weights.
pub const FEATURES: [&str; 3] = ["text", "entities", "nearest"];

impl Signals {
    /// The content features (time is applied outside the learned part).
    pub fn vector(&self) -> [f64; FEATURES.len()] {
        [self.text, self.entities, self.nearest]
    }
}

/// A logistic model: P(same event) = σ(w·x + b).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimilarityModel {
    pub features: Vec<String>,
    pub weights: Vec<f64>,
    pub bias: f64,
    /// An article joins its most likely event when the probability reaches this; chosen
    /// on the training corpus.
    #[serde(default = "default_threshold")]
    pub threshold: f64,
    /// The split pass's ratio for events of this regime ([`crate::split::split`]); chosen on
    /// the training corpus.
    #[serde(default = "default_split_ratio")]
    pub split_ratio: f64,
    /// What the weights were fitted on, and how.
    #[serde(default)]
    pub trained_on: String,
}

fn default_threshold() -> f64 {
    0.5
}

/// A hand-set prior for models without a learned split ratio.
fn default_split_ratio() -> f64 {
    0.2
}

impl SimilarityModel {
    /// P(same event) from content, times the time decay.
    pub fn probability(&self, signals: &Signals) -> f64 {
        self.content_probability(signals) * signals.time
    }

    fn content_probability(&self, signals: &Signals) -> f64 {
        let z: f64 = self.bias + self.weights.iter().zip(signals.vector()).map(|(w, x)| w * x).sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }

    fn is_valid(&self) -> bool {
        self.weights.len() == FEATURES.len() && self.threshold > 0.0
    }

    /// Hand-set weights: even odds at 0.6 × text + 0.4 × entities = 0.3.
    pub fn priors() -> SimilarityModel {
        SimilarityModel {
            features: FEATURES.iter().map(|f| f.to_string()).collect(),
            weights: vec![7.2, 4.8, 0.0],
            bias: -3.6,
            threshold: 0.5,
            split_ratio: default_split_ratio(),
            trained_on: "priors".into(),
        }
    }

    /// Fits the content weights on labelled pairs by L2-regularised logistic regression
    /// (full-batch gradient descent from zero: deterministic). Pairs far apart in time are
    /// left out: time is not the content model's to learn.
    pub fn fit(pairs: &[(Signals, bool)], trained_on: &str) -> SimilarityModel {
        const ITERATIONS: usize = 3000;
        const LEARNING_RATE: f64 = 2.0;
        const L2: f64 = 1e-4;
        let pairs: Vec<&(Signals, bool)> = pairs.iter().filter(|(s, _)| s.time >= 0.5).collect();
        let n = pairs.len().max(1) as f64;
        let mut weights = [0.0f64; FEATURES.len()];
        let mut bias = 0.0;
        for _ in 0..ITERATIONS {
            let mut grad = [0.0f64; FEATURES.len()];
            let mut grad_bias = 0.0;
            for (signals, label) in &pairs {
                let x = signals.vector();
                let z: f64 = bias + weights.iter().zip(x).map(|(w, x)| w * x).sum::<f64>();
                let error = 1.0 / (1.0 + (-z).exp()) - if *label { 1.0 } else { 0.0 };
                grad.iter_mut().zip(x).for_each(|(g, x)| *g += error * x);
                grad_bias += error;
            }
            for (w, g) in weights.iter_mut().zip(grad) {
                *w -= LEARNING_RATE * (g / n + L2 * *w);
            }
            bias -= LEARNING_RATE * grad_bias / n;
        }
        SimilarityModel {
            features: FEATURES.iter().map(|f| f.to_string()).collect(),
            weights: weights.to_vec(),
            bias,
            threshold: default_threshold(),
            split_ratio: default_split_ratio(),
            trained_on: trained_on.to_string(),
        }
    }
}

/// One similarity model per regime: short texts (headlines, teasers) and full articles
/// compare differently, and each regime's weights are learned on a corpus of its kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventModels {
    /// Articles with at most this many distinct content terms use `short`.
    pub short_max_terms: usize,
    pub short: SimilarityModel,
    pub long: SimilarityModel,
}

impl EventModels {
    /// The same model for both regimes.
    pub fn single(model: SimilarityModel) -> Self {
        Self { short_max_terms: DEFAULT_SHORT_MAX_TERMS, short: model.clone(), long: model }
    }

    /// Whether an article with `terms` distinct content terms is a full article (the long
    /// regime), not a headline or teaser.
    pub fn is_long(&self, terms: usize) -> bool {
        terms > self.short_max_terms
    }

    /// The model for an article with `terms` distinct content terms.
    pub fn for_terms(&self, terms: usize) -> &SimilarityModel {
        if self.is_long(terms) { &self.long } else { &self.short }
    }

    /// Reads either a pair of regime models or one model (used for both).
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str::<EventModels>(text).or_else(|_| serde_json::from_str::<SimilarityModel>(text).map(Self::single))
    }

    fn is_valid(&self) -> bool {
        self.short.is_valid() && self.long.is_valid()
    }

    /// The shipped models; if the embedded file were unreadable, hand-set priors.
    pub fn shipped() -> &'static EventModels {
        static SHIPPED: LazyLock<EventModels> = LazyLock::new(|| {
            EventModels::from_json(include_str!("../../../data/event_model.json"))
                .ok()
                .filter(EventModels::is_valid)
                .unwrap_or_else(|| EventModels::single(SimilarityModel::priors()))
        });
        &SHIPPED
    }
}

/// A headline has up to about a dozen content terms; a full article has far more.
pub const DEFAULT_SHORT_MAX_TERMS: usize = 20;

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: f64, entities: f64) -> Signals {
        Signals { text, entities, nearest: text, time: 1.0, dated: true }
    }

    #[test]
    fn shipped_models_load() {
        let models = EventModels::shipped();
        for model in [&models.short, &models.long] {
            assert_eq!(model.weights.len(), FEATURES.len());
            assert!(model.probability(&s(0.9, 0.9)) > model.threshold);
            assert!(model.probability(&s(0.0, 0.0)) < model.threshold);
        }
    }

    #[test]
    fn regimes_by_length_and_single_models_read() {
        let mut long = SimilarityModel::priors();
        long.trained_on = "long".into();
        let models = EventModels { short_max_terms: 5, short: SimilarityModel::priors(), long };
        assert_eq!(models.for_terms(5).trained_on, "priors");
        assert_eq!(models.for_terms(6).trained_on, "long");
        let single = serde_json::to_string(&SimilarityModel::priors()).unwrap();
        assert_eq!(EventModels::from_json(&single).unwrap(), EventModels::single(SimilarityModel::priors()));
        let pair = serde_json::to_string(&models).unwrap();
        assert_eq!(EventModels::from_json(&pair).unwrap(), models);
        let without_ratio = r#"{"features":["text","entities","nearest"],"weights":[1,1,1],"bias":0,"threshold":0.5}"#;
        assert_eq!(EventModels::from_json(without_ratio).unwrap().short.split_ratio, default_split_ratio());
    }

    #[test]
    fn fit_separates_similar_from_dissimilar() {
        let mut pairs = Vec::new();
        for i in 0..20 {
            let x = i as f64 / 100.0;
            pairs.push((s(0.5 + x, 0.5 + x), true));
            pairs.push((s(0.1 + x / 2.0, 0.05 + x / 2.0), false));
        }
        let model = SimilarityModel::fit(&pairs, "test");
        assert!(model.probability(&s(0.6, 0.6)) > 0.5);
        assert!(model.probability(&s(0.1, 0.1)) < 0.5);
        assert_eq!(model, SimilarityModel::fit(&pairs, "test"), "deterministic");
    }

    #[test]
    fn time_scales_the_probability() {
        let model = SimilarityModel::priors();
        let near = s(0.6, 0.6);
        let far = Signals { time: time_signal(60), ..near };
        assert!(model.probability(&near) > 0.5);
        assert!(model.probability(&far) < 0.01);
    }

    #[test]
    fn beyond_the_window_nothing_can_be_joined() {
        for threshold in [0.05, 0.1, 0.3, 0.5, 0.9] {
            let days = max_days_apart(threshold);
            assert!(time_signal(days + 1) < threshold, "{threshold}");
            assert!(time_signal(days - 1) >= threshold, "{threshold}");
        }
    }

    #[test]
    fn time_signal_halves() {
        assert_eq!(time_signal(0), 1.0);
        assert_eq!(time_signal(1), 1.0);
        assert!((time_signal(1 + TIME_HALF_LIFE_DAYS as i64) - 0.5).abs() < 1e-9);
    }
}
