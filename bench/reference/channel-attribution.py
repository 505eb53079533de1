# The reference side of the e2e bench: ChannelAttribution's markov_model on a paths CSV written by
# bench/e2e-files.ts (path "a > b > c", total_conversions, total_conversion_value, total_null).
# Usage: python3 channel-attribution.py FILE ORDER [THREADS]; prints the channels' removal effects.
import sys

import pandas as pd
from ChannelAttribution import markov_model

file, order = sys.argv[1], int(sys.argv[2])
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 1
data = pd.read_csv(file)
result = markov_model(
    data,
    var_path="path",
    var_conv="total_conversions",
    var_value="total_conversion_value",
    var_null="total_null",
    order=order,
    out_more=True,
    ncore=threads,
    verbose=False,
)
effects = result["removal_effects"]
print(f"{len(effects)} channels; first: {effects.iloc[0].to_dict()}")
