#!/usr/bin/env bash
# Runs every test of the solution in Release. Needs only the .NET SDK; the workload traces are
# read from ../shared/traces (or $SUANWANG_TRACES) where the trace tests need them.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build Suanwang.slnx -c Release -warnaserror
dotnet test Suanwang.slnx -c Release --no-build --logger "console;verbosity=minimal"
