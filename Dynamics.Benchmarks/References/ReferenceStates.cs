namespace Dynamics.Benchmarks;

internal static class ReferenceStates
{
    public static ReadOnlySpan<double> Lorenz => [0, 0, 0];

    public static ReadOnlySpan<double> Arenstorf => [0, 0, 0, 0];

    public static ReadOnlySpan<double> Pleiades => [0];
}
