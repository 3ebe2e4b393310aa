#!/usr/bin/python3
"""Reference fit for the ChurnLens benchmark: scikit-learn's RandomForestClassifier on exactly the
rows and split the engine used (written by bench/run.mjs into bench/out/).

Usage: /usr/bin/python3 bench/sklearn.py NAME [--trees 100] [--outdir bench/out]
Reads NAME.csv (features + __label__), NAME.meta.json (feature kinds), NAME.train.txt and
NAME.test.txt (row indices). Prints one JSON line: fit/score seconds, test AUC, encoding used.

Encoding: categorical columns are ordinal-encoded (category codes in sorted order, missing = -1);
numeric missing values become -1e9 (scikit-learn 1.2 forests do not accept NaN; a sentinel below
every value lets a tree isolate missing values, as the engine's missing bin does).
"""
import argparse
import json
import os
import sys
import time

# This file is called sklearn.py: drop its own folder from the import path, or "import sklearn"
# would import this script instead of scikit-learn.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _here]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("name")
    ap.add_argument("--trees", type=int, default=100)
    ap.add_argument("--outdir", default=os.path.join(_here, "out"))
    a = ap.parse_args()

    import numpy as np
    import pandas as pd
    import sklearn
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.metrics import roc_auc_score

    base = os.path.join(a.outdir, a.name)
    with open(base + ".meta.json", encoding="utf-8") as f:
        meta = json.load(f)
    kinds = {f["name"]: f["kind"] for f in meta["features"]}
    dtypes = {n: (str if k == "categorical" else "float64") for n, k in kinds.items()}
    df = pd.read_csv(base + ".csv", dtype=dtypes, keep_default_na=False, na_values=[""])
    train = np.loadtxt(base + ".train.txt", dtype=np.int64, ndmin=1)
    test = np.loadtxt(base + ".test.txt", dtype=np.int64, ndmin=1)

    cols = []
    for n, k in kinds.items():
        if k == "categorical":
            cols.append(df[n].astype("category").cat.codes.to_numpy(dtype=np.float64))
        else:
            cols.append(df[n].fillna(-1e9).to_numpy(dtype=np.float64))
    X = np.column_stack(cols).astype(np.float32)
    y = df["__label__"].to_numpy()

    rf = RandomForestClassifier(n_estimators=a.trees, n_jobs=1, max_features="sqrt", random_state=0)
    t0 = time.perf_counter()
    c0 = time.process_time()
    rf.fit(X[train], y[train].astype(np.int64))
    fit = time.perf_counter() - t0
    fit_cpu = time.process_time() - c0
    t0 = time.perf_counter()
    p_all = rf.predict_proba(X)[:, 1]
    score = time.perf_counter() - t0
    auc = roc_auc_score(y[test].astype(np.int64), p_all[test])
    print(json.dumps({
        "sklearn": sklearn.__version__,
        "fit_seconds": fit,
        "fit_cpu_seconds": fit_cpu,
        "score_seconds": score,
        "test_auc": auc,
        "train_rows": int(len(train)),
        "test_rows": int(len(test)),
        "encoding": "ordinal categoricals (missing=-1), numeric missing=-1e9",
    }))


if __name__ == "__main__":
    sys.exit(main())
