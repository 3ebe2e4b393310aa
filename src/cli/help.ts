// Usage text of every command (English: the command names and options are English anyway).

export const MAIN_HELP = `churnlens — predict customer churn with random forests (WebAssembly), from the command line

Usage:
  churnlens train DATA.csv --target COL --out MODEL.json [options]   train a model, print its metrics
  churnlens score MODEL.json DATA.csv --out SCORES.csv              score every row of a file
  churnlens features LOG.csv --customer COL --date COL --amount COL --out FEATURES.csv
                                                                     transaction log → per-customer features
  churnlens info MODEL.json                                          summary of a saved model
  churnlens export MODEL.json --format onnx --out MODEL.onnx         the model as ONNX

  churnlens COMMAND --help     options of one command
  churnlens --version          version

Exit codes: 0 done, 1 problem with a file or the data, 2 wrong command line, 70 internal error.
Messages are in Chinese when LANG or LC_ALL starts with "zh".
`;

export const TRAIN_HELP = `Usage: churnlens train DATA.csv --target COL --out MODEL.json [options]

Trains a random forest (or one decision tree) on DATA.csv and writes the model file, which the
ChurnLens app can load. Prints held-out test and out-of-bag metrics at the threshold.

Columns:
  --target COL          the churn column (required)
  --positive VALUE      the value of COL that means "churned" (default: detected, e.g. Yes, 1, true)
  --id COL              customer id column: kept in the model, never used as a feature, written first
                        in the scores (default: detected as the app does, e.g. customerID, 客户编号)
  --no-id               no id column (scores are numbered by row)
  --drop A,B            columns to leave out
  Other columns are features, except those the profile finds id-like, constant or all missing
  (the command says which it left out).

Model:
  --preset NAME         recommended (default) | mahout (the founding study: 40 trees, 4 features per
                        split, min leaf 50, entropy, churners x20, hard vote, 9:1 split) | tree (one
                        readable decision tree). Options below override the preset.
  --trees N             number of trees
  --mtry N|sqrt|log2|all   features tried at each split
  --criterion entropy|gini
  --max-depth N         0 = unlimited
  --min-leaf N          fewest rows in a leaf
  --min-split N         fewest rows in a node to split it
  --balance none|weights|bootstrap|oversample:K
                        class weights, balanced bootstrap, or churners xK in the training rows
  --vote soft|hard      mean of leaf churn fractions, or share of trees voting churn
  --test-fraction F     held-out stratified test share, 0 to 0.9 (default 0.1)
  --seed N              seed of every random choice (same seed, same data => same model)
  --threads N           worker threads, 0 = all cores (results never depend on it)
  --threshold T         probability at or above which a customer counts as churning in the metrics
                        (default: the best F1 on the held-out rows, else out-of-bag, as the app)

Output:
  --out MODEL.json      where to write the model (required)

Example:
  churnlens train customers.csv --target Churn --id customerID --out model.json
`;

export const SCORE_HELP = `Usage: churnlens score MODEL.json DATA.csv --out SCORES.csv

Scores every row of DATA.csv with a saved model. SCORES.csv (UTF-8 with BOM, opens in Excel) has
one row per input row, in input order: the id column (if the model has one, exactly as written),
churn_probability (0..1) and risk_tier (churned, at_risk or normal, by the model's tier cut points;
models without them use: churned from 0.8, at_risk from 0.5).

  --out SCORES.csv      where to write the scores (required)
  --threads N           worker threads, 0 = all cores
  --reasons             add reason_1..reason_3: the three columns that moved this customer's
                        score most (exact TreeSHAP), e.g. "Contract = Month-to-month raises
                        risk by 14.2 points"
  --contributions       add base_value, raw_probability and contrib_<feature> for every feature
                        (exact TreeSHAP, full precision): base_value + the sum of contrib_ columns
                        = raw_probability, the forest's output before any base-rate correction
                        (equal to churn_probability unless the model corrects its vote share).
                        Exact TreeSHAP on deep forests takes a few ms per row per core.

Example:
  churnlens score model.json new-customers.csv --out scores.csv
`;

export const INFO_HELP = `Usage: churnlens info MODEL.json

Prints a saved model's summary: target, features, training settings, metrics and the fingerprint
(SHA-256, rows, columns) of the data it was trained on.
`;

export const FEATURES_HELP_HINT = 'churnlens features --help';

export const EXPORT_HELP = `Usage: churnlens export MODEL.json --format onnx --out MODEL.onnx

Writes the model as an ONNX TreeEnsembleClassifier (ai.onnx.ml) for ONNX Runtime, Spark or a
database. Input: one float tensor X [N, F], columns in the order of the model file's "features";
numeric values as they are, categorical values as their index in "categories", NaN for missing or
unknown. Output: probabilities [N, 2], churn in column 1.
`;
