using Dynamics.Fields;

namespace Dynamics.Models.Classical;

/// <summary>
/// The Lorenz system (Lorenz 1963): x' = σ(y − x), y' = x(ρ − z) − y, z' = xy − βz.
/// With σ = 10, ρ = 28, β = 8/3 it has the butterfly attractor; fixed points are the origin and
/// (±√(β(ρ−1)), ±√(β(ρ−1)), ρ − 1).
/// </summary>
/// <param name="Sigma">The Prandtl number σ.</param>
/// <param name="Rho">The Rayleigh number ratio ρ.</param>
/// <param name="Beta">The geometric factor β.</param>
public readonly record struct Lorenz(double Sigma, double Rho, double Beta) : IModel, IJacobianField
{
    /// <summary>Lorenz's parameters σ = 10, ρ = 28, β = 8/3. (A struct's default value has every parameter 0; use this constructor.)</summary>
    public Lorenz()
        : this(10.0, 28.0, 8.0 / 3)
    {
    }

    /// <inheritdoc/>
    public int Dimension => 3;

    /// <inheritdoc/>
    public string Name => "Lorenz system";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("σ", Sigma), ("ρ", Rho), ("β", Beta));

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ["x", "y", "z"];

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        // Fused multiply-adds, exactly as LorenzBatch's SIMD kernel: a single trajectory and an ensemble lane take the
        // same steps to the last bit, and two roundings fewer shorten the step's critical path.
        double x = y[0], v = y[1], z = y[2];
        dydt[2] = Math.FusedMultiplyAdd(x, v, -(Beta * z));
        dydt[1] = Math.FusedMultiplyAdd(x, Rho - z, -v);
        dydt[0] = Sigma * (v - x);
    }

    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian)
    {
        double x = y[0], v = y[1], z = y[2];
        jacobian[0] = -Sigma;
        jacobian[1] = Sigma;
        jacobian[2] = 0;
        jacobian[3] = Rho - z;
        jacobian[4] = -1;
        jacobian[5] = -x;
        jacobian[6] = v;
        jacobian[7] = x;
        jacobian[8] = -Beta;
    }
}
