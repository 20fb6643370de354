using BenchmarkDotNet.Running;
using Tarang.Benchmarks;

if (args.Length > 0 && args[0] == "decode-stream")
{
    return StreamDecodeRunner.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(FeedDecodeBenchmarks).Assembly).Run(args);
return 0;
