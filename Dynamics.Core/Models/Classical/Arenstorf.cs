using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Classical;

/// <summary>
/// The restricted three-body problem in the rotating frame (Hairer, Nørsett &amp; Wanner, "Solving ODEs I", eq. (0.1)),
/// state (x, y, x', y'):
/// x'' = x + 2y' − μ'(x + μ)/D₁ − μ(x − μ')/D₂, y'' = y − 2x' − μ'y/D₁ − μy/D₂,
/// D₁ = ((x + μ)² + y²)^{3/2}, D₂ = ((x − μ')² + y²)^{3/2}, μ' = 1 − μ.
/// From <see cref="PeriodicInitialState"/> the Arenstorf orbit closes after <see cref="Period"/>.
/// </summary>
/// <param name="Mu">The mass ratio μ (Earth–Moon: 0.012277471).</param>
public readonly record struct Arenstorf(double Mu) : IModel, ILaneField, IJacobianField, IHasInvariants
{
    /// <summary>The Earth–Moon mass ratio μ = 0.012277471. (A struct's default value has every parameter 0; use this constructor.)</summary>
    public Arenstorf()
        : this(0.012277471)
    {
    }

    /// <summary>The period of the Arenstorf orbit for μ = 0.012277471.</summary>
    public const double Period = 17.0652165601579625588917206249;

    /// <summary>The initial state (0.994, 0, 0, −2.00158510637908252240537862224) of the periodic Arenstorf orbit.</summary>
    public static ReadOnlySpan<double> PeriodicInitialState => [0.994, 0.0, 0.0, -2.00158510637908252240537862224];

    /// <inheritdoc/>
    public int Dimension => 4;

    /// <inheritdoc/>
    public string Name => "Arenstorf orbit (restricted three-body)";

    /// <inheritdoc/>
    public string Parameters => $"μ = {ParameterText.Number(Mu, 9)}";

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ["x", "y", "dx/dt", "dy/dt"];

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    /// <remarks>Exact, by forward-mode automatic differentiation of <see cref="Derivative"/> (<see cref="LaneField.Jacobian{TField}"/>).</remarks>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => LaneField.Jacobian(this, t, y, jacobian);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T mu = parameters.Read(0, Mu), one = T.Create(1.0), two = T.Create(2.0);
        T muPrime = one - mu;
        T x = y[0], q = y[1], vx = y[2], vy = y[3];
        T r1Squared = (x + mu) * (x + mu) + q * q;
        T r2Squared = (x - muPrime) * (x - muPrime) + q * q;
        T d1 = r1Squared * T.Sqrt(r1Squared);
        T d2 = r2Squared * T.Sqrt(r2Squared);
        dydt[0] = vx;
        dydt[1] = vy;
        dydt[2] = x + two * vy - muPrime * (x + mu) / d1 - mu * (x - muPrime) / d2;
        dydt[3] = q - two * vx - muPrime * q / d1 - mu * q / d2;
    }

    /// <summary>The Jacobi integral, conserved in the rotating frame (Szebehely, "Theory of Orbits", 1967, §1.6).</summary>
    public IReadOnlyList<Invariant> Invariants
    {
        get
        {
            var model = this;
            return [new Invariant("Jacobi integral C = x² + y² + 2μ'/r₁ + 2μ/r₂ − (x'² + y'²)", (t, y) => model.JacobiIntegral(y))];
        }
    }

    /// <summary>The Jacobi integral C = x² + y² + 2μ'/r₁ + 2μ/r₂ − (x'² + y'²), r₁ = |(x + μ, y)|, r₂ = |(x − μ', y)|.</summary>
    /// <param name="state">(x, y, x', y').</param>
    /// <returns>C.</returns>
    public double JacobiIntegral(ReadOnlySpan<double> state)
    {
        double mu = Mu, muPrime = 1 - mu;
        double x = state[0], q = state[1], vx = state[2], vy = state[3];
        double r1 = Math.Sqrt((x + mu) * (x + mu) + q * q);
        double r2 = Math.Sqrt((x - muPrime) * (x - muPrime) + q * q);
        return x * x + q * q + 2 * muPrime / r1 + 2 * mu / r2 - (vx * vx + vy * vy);
    }
}
