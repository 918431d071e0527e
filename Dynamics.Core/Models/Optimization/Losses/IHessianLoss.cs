namespace Dynamics.Models.Optimization.Losses;

/// <summary>
/// A loss that also knows its Hessian ∇²L, needed by the modified equation of finite-step gradient descent
/// θ̇ = −∇L − (γ/2)∇²L∇L (Barrett &amp; Dherin, arXiv 2009.11162) and by stability analysis.
/// </summary>
public interface IHessianLoss : ILoss
{
    /// <summary>Writes ∇²L(θ) into <paramref name="hessian"/>, row-major (entry i·d + j).</summary>
    /// <param name="theta">The parameters.</param>
    /// <param name="hessian">Receives the d × d matrix.</param>
    void Hessian(ReadOnlySpan<double> theta, Span<double> hessian);

    /// <summary>Writes the Hessian-vector product ∇²L(θ)·v into <paramref name="product"/> without forming the matrix.</summary>
    /// <param name="theta">The parameters.</param>
    /// <param name="vector">The vector v, length d.</param>
    /// <param name="product">Receives ∇²L(θ)v; must not overlap <paramref name="vector"/>.</param>
    void HessianTimes(ReadOnlySpan<double> theta, ReadOnlySpan<double> vector, Span<double> product);
}
