using BenchmarkDotNet.Running;
using Dynamics.Benchmarks;

// Commands of our own first; anything else goes to BenchmarkDotNet (e.g. --filter '*').
return args.FirstOrDefault() switch
{
    "quick" => QuickCommand.Run(args.Skip(1).ToArray()),
    "reference" => ReferenceCommand.Run(),
    "figure" => FigureCommand.Run(args.Skip(1).ToArray()),
    "stiff" => StiffCommand.Run(),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(QuickCommand).Assembly).Run(args);
    return 0;
}
