namespace Dynamics.Benchmarks;

internal static class FigureCommand
{
    public static int Run(string[] args) => args.Length;
}
