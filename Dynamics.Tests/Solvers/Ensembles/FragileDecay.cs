using System.Runtime.InteropServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Tests.Solvers.Ensembles;

/// <summary>
/// y' = −rate·y, y(t) = y₀e^(−rate·t), whose f throws once y falls below <see cref="Limit"/> (−∞: never), written once:
/// in SIMD lanes the formula throws when any lane's y is below that lane's limit. With <see cref="Components"/> = 3
/// every component decays alike (the limit watches component 0), so the lanes run the three-component register kernel.
/// </summary>
public readonly record struct FragileDecay(double Rate, double Limit, int Components = 1) : ILaneField
{
    public int Dimension => Components;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T rate = parameters.Read(0, Rate), limit = parameters.Read(1, Limit), value = y[0];
        // The lanes of a number are its doubles (a test's shortcut: the field contract has no comparisons).
        var values = MemoryMarshal.Cast<T, double>(MemoryMarshal.CreateSpan(ref value, 1));
        var limits = MemoryMarshal.Cast<T, double>(MemoryMarshal.CreateSpan(ref limit, 1));
        for (int lane = 0; lane < values.Length; lane++)
        {
            if (values[lane] < limits[lane]) throw new InvalidOperationException($"y = {values[lane]} fell below {limits[lane]}.");
        }

        for (int i = 0; i < Components; i++) dydt[i] = -rate * y[i];
    }
}
