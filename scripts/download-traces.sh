#!/usr/bin/env bash
# Downloads the public workload traces the simulator reads into a folder laid out like
# shared/traces (default ./traces). Each file comes from the repository and commit named in that
# folder's SOURCE.md; the SOURCE.md files themselves are ours and are not downloaded.
#
#   scripts/download-traces.sh [DEST]
#
# Existing files are kept; delete one to fetch it again.
set -euo pipefail

dest="${1:-./traces}"

adaptdl="https://raw.githubusercontent.com/petuum/adaptdl/c793c7089bd307462686339d29707925c461f9a9/simulator"
clusterdata="https://raw.githubusercontent.com/alibaba/clusterdata/7a6c496e4f4b6ce6150be8f881cb051bf2abff42/cluster-trace-gpu-v2023"
azure="https://raw.githubusercontent.com/Azure/AzurePublicDataset/b469a113cedca53ddc3bdea71a143dc4b7d8700c/data"

# fetch URL PATH: downloads URL to DEST/PATH unless it is already there.
fetch() {
  local url="$1" target="$dest/$2"
  if [[ -s "$target" ]]; then
    return 0
  fi
  mkdir -p "$(dirname "$target")"
  echo "$2 <- $url"
  # Download beside the target and rename, so an interrupted run leaves no partial file behind.
  curl --fail --silent --show-error --location --retry 3 --output "$target.part" "$url"
  mv "$target.part" "$target"
}

# Philly job list as shipped with the Pollux artifact (Jeon et al., ATC 2019).
fetch "$adaptdl/traces/philly.csv" "philly/philly.csv"

# Pollux workloads and application models (Qiao et al., OSDI 2021). Upstream keeps the models in
# simulator/traces/APP; they go to pollux/apps/APP here.
fetch "$adaptdl/README.md" "pollux/README.upstream.md"
for load in "" "-0.5" "-1.5" "-2.0"; do
  for n in 1 2 3 4 5 6 7 8; do
    fetch "$adaptdl/workloads$load/workload-$n.csv" "pollux/workloads$load/workload-$n.csv"
  done
done

declare -A batch_sizes=(
  [bert]="12 24 48 96 192 384"
  [cifar10]="128 256 512 1024 2048 4096"
  [deepspeech2]="20 40 80 160 320 640"
  [imagenet]="200 400 800 1600 3200 6400 12800"
  [ncf]="256 512 1024 2048 4096 8192 16384 32768"
  [yolov3]="8 16 32 64 128 256 512"
)
for app in bert cifar10 deepspeech2 imagenet ncf yolov3; do
  for file in placements.csv scalability.csv; do
    fetch "$adaptdl/traces/$app/$file" "pollux/apps/$app/$file"
  done
  for batch in ${batch_sizes[$app]}; do
    fetch "$adaptdl/traces/$app/validation-$batch.csv" "pollux/apps/$app/validation-$batch.csv"
  done
done

# Alibaba GPU cluster trace v2023, openb (Weng et al., ATC 2023).
fetch "$clusterdata/README.md" "alibaba-gpu-2023/README.upstream.md"
for file in openb_node_list_all_node.csv openb_node_list_gpu_node.csv \
  openb_pod_list_default.csv openb_pod_list_gpuspec33.csv openb_pod_list_multigpu50.csv; do
  fetch "$clusterdata/csv/$file" "alibaba-gpu-2023/$file"
done

# Azure LLM inference trace 2023 (Patel et al., ISCA 2024).
fetch "$azure/AzureLLMInferenceTrace_code.csv" "azure-llm-2023/code.csv"
fetch "$azure/AzureLLMInferenceTrace_conv.csv" "azure-llm-2023/conv.csv"

echo "traces are in $dest"
