return Suanwang.Bench.Commands.Run(args);
