#!/usr/bin/env bash
# The GPU runs of the time-to-accuracy work, as one prepared command that fits one call of at most 540 s on one GPU:
# full-size (VGG-att3)-concat-pc, (VGG-att2)-concat-pc and VGG on CIFAR-10 with the fast-sgd recipe (RECIPE=fast for
# the Adam one), one after another,
# then the peer's training step against l2pa's. One JSON line per run (bench/time_to_accuracy.py, bench/peer_step.py).
# MODELS (space-separated names) replaces the three networks, DEPTH sets the ResNets' depth; the ResNet runs of
# notebook 14:
#
#   bash bench/gpu_cifar.sh PATH/cifar10.tgz [EPOCHS] [WIDTH] [PEER_CLONE]
#   MODELS="RN (RN-att2)-concat-pc" bash bench/gpu_cifar.sh PATH/cifar10.tgz 20
#
# Try it on the CPU at a tiny size first (the sample copy, width 1/16, 1 epoch):
#   L2PA_DEVICE=cpu bash bench/gpu_cifar.sh ../shared/data/cifar10_sample.tgz 1 0.0625
set -euo pipefail
data=${1:?usage: bash bench/gpu_cifar.sh PATH/cifar10.tgz [EPOCHS] [WIDTH] [PEER_CLONE]}
epochs=${2:-30}; width=${3:-1}; peer=${4:-}
device=${L2PA_DEVICE:-cuda}
read -ra models <<< "${MODELS:-(VGG-att3)-concat-pc (VGG-att2)-concat-pc VGG}"
depth=(); if [ -n "${DEPTH:-}" ]; then depth=(--depth "$DEPTH"); fi
here=$(cd "$(dirname "$0")" && pwd)
python -c "import torch; print('device:', torch.cuda.get_device_name() if torch.cuda.is_available() else 'cpu', '| torch', torch.__version__)" >&2
python "$here/time_to_accuracy.py" --recipe "${RECIPE:-fast-sgd}" --data cifar10 --path "$data" --device "$device" --width "$width" --epochs "$epochs" \
  --models "${models[@]}" "${depth[@]}" --targets 0.9 0.93 0.94 0.9477 --lines
if [ -n "$peer" ]; then python "$here/peer_step.py" --peer "$peer" --device "$device" --bs 128; fi  # full width: the port has no width option
