#!/usr/bin/env python3
"""The bench verb's training loop in PyTorch (Debian's python3-torch), for a comparison measured in one run.

Same models (784-h1-h2-h3-10, ReLU, Glorot-uniform kernels, zero biases), Adam at 0.001, cross-entropy on logits,
60,000 random MNIST-shaped images shuffled once per epoch into contiguous batches, loss and correct counts summed in
tensors and read once per epoch. Prints the same tab-separated rows as `tuner bench`.
"""
import argparse
import time

import torch
from torch import nn

MODELS = [(120, 15, 75), (120, 105, 120)]


def network(hidden):
    layers, features = [], 784
    for units in hidden + (10,):
        linear = nn.Linear(features, units)
        nn.init.xavier_uniform_(linear.weight)
        nn.init.zeros_(linear.bias)
        layers += [linear, nn.ReLU()]
        features = units
    return nn.Sequential(*layers[:-1])


def epoch(model, optimizer, features, labels, batch):
    order = torch.randperm(features.shape[0])
    features, labels = features.index_select(0, order), labels.index_select(0, order)
    loss_sum = torch.zeros((), dtype=torch.float64)
    correct = torch.zeros((), dtype=torch.int64)
    for start in range(0, features.shape[0], batch):
        x, y = features[start:start + batch], labels[start:start + batch]
        optimizer.zero_grad(set_to_none=True)
        logits = model(x)
        loss = nn.functional.cross_entropy(logits, y)
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            loss_sum += loss * x.shape[0]
            correct += (logits.argmax(1) == y).sum()
    return loss_sum.item() / features.shape[0], correct.item() / features.shape[0]


def counted(seconds):
    """The first epoch pays for warming up, so it counts only when it is the only one."""
    return seconds[1:] if len(seconds) > 1 else seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[32, 128])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--images", type=int, default=60_000)
    parser.add_argument("--flush-denormal", action="store_true",
                        help="torch.set_flush_denormal(True), as the tuner's trainer and TensorFlow do")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(args.flush_denormal)
    torch.manual_seed(1)
    features = torch.randint(0, 256, (args.images, 784), dtype=torch.uint8).float().div_(255)
    labels = torch.randint(0, 10, (args.images,))
    print(f"# PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s), {args.images} random images, "
          f"subnormals {'flushed' if args.flush_denormal else 'kept'}, "
          "Adam 0.001; seconds per epoch: mean of the epochs after the first (which warms up) and the fastest epoch, "
          "steadier on a busy machine")
    print("# implementation\tmodel\tbatch\tseconds_per_epoch\tfastest_epoch_seconds\tseconds_of_each_epoch")
    for hidden in MODELS:
        for batch in args.batch_sizes:
            model = network(hidden)
            optimizer = torch.optim.Adam(model.parameters(), lr=0.001, eps=1e-7)
            seconds = []
            for _ in range(args.epochs):
                started = time.perf_counter()
                epoch(model, optimizer, features, labels, batch)
                seconds.append(time.perf_counter() - started)
            kept = counted(seconds)
            name = "784-" + "-".join(map(str, hidden)) + "-10"
            implementation = "python3-torch-flush" if args.flush_denormal else "python3-torch"
            print(f"{implementation}\t{name}\t{batch}\t{sum(kept) / len(kept):.3f}\t{min(kept):.3f}\t"
                  + " ".join(f"{s:.3f}" for s in seconds), flush=True)


if __name__ == "__main__":
    main()
