namespace Dynamics.Benchmarks;

/// <summary>
/// Final states of the single-trajectory benchmark problems, computed once with Verner 8 at rtol = atol = 1e-14 by
/// <c>dotnet run -c Release --project Dynamics.Benchmarks -- reference &gt; Dynamics.Benchmarks/References/ReferenceStates.cs</c>.
/// The difference from a 1e-13 solve bounds each reference's own error.
/// </summary>
internal static class ReferenceStates
{
    /// <summary>Lorenz: 2915 steps; differs from the 1e-13 solve by 1.0E-009.</summary>
    public static ReadOnlySpan<double> Lorenz => [13.793199601382863, 12.951803945307903, 34.901608687174644];

    /// <summary>Arenstorf: 687 steps; differs from the 1e-13 solve by 8.9E-010.</summary>
    public static ReadOnlySpan<double> Arenstorf => [0.9939999999993041, -2.39495351176712E-12, -3.8912648450684095E-10, -2.001585106487417];

    /// <summary>Pleiades: 903 steps; differs from the 1e-13 solve by 3.6E-011.</summary>
    public static ReadOnlySpan<double> Pleiades => [0.3706139143924776, 3.23728409205739, -3.2225590324184292, 0.6597091455779303, 0.3425581707158578, 1.5621721014007104, -0.7003092922210188, -3.9434375855191766, -3.2713809739725717, 5.22508184345399, -2.590612434977603, 1.1982136933931762, -0.2429682344935978, 1.0914492404297853, 3.417003806304382, 1.3545845016256894, -2.590065597810197, 2.0250537347161113, -1.1558151001605026, -0.8072988170219139, 0.5952396354206385, -3.7412449612392575, 0.37734596857500347, 0.9386858869527464, 0.36679222272054623, -0.34740463537959415, 2.3449154481808807, -1.9470204342626265];
}
