namespace Dynamics.Solvers.Methods;

/// <summary>
/// The per-trajectory workspace of a method: it computes one step attempt, keeps what it needs to interpolate inside
/// the last accepted step, and reuses work between steps (FSAL). Step-size control, events and saving live in the
/// integrator, not here. Calling order per step: <see cref="EnsureDerivative"/>, then <see cref="Attempt"/> until one
/// is accepted, then <see cref="Accept"/>, after which <see cref="Interpolate"/> may be called for that step.
/// </summary>
public interface IStepper
{
    /// <summary>The number of right-hand-side evaluations made so far.</summary>
    long RhsEvaluations { get; }

    /// <summary>The polynomial degree (in θ) of the interpolant that <see cref="CopyInterpolant"/> writes.</summary>
    int InterpolantDegree { get; }

    /// <summary>Returns f(t, y) at the current accepted point, computing it only if it is not already known.</summary>
    /// <param name="t">The current time.</param>
    /// <param name="y">The current state.</param>
    /// <returns>The derivative (valid until the next call that changes the stepper).</returns>
    ReadOnlySpan<double> EnsureDerivative(double t, ReadOnlySpan<double> y);

    /// <summary>Attempts a step of size <paramref name="h"/> from (t, y).</summary>
    /// <param name="t">The current time.</param>
    /// <param name="y">The current state.</param>
    /// <param name="h">The signed step size.</param>
    /// <param name="yNew">Receives the proposed state at t + h.</param>
    /// <param name="errorEstimate">Receives the local error estimate (left untouched by a method without one).</param>
    void Attempt(double t, ReadOnlySpan<double> y, double h, Span<double> yNew, Span<double> errorEstimate);

    /// <summary>Marks the last attempt accepted, so its final stage can be reused as the next first stage.</summary>
    void Accept();

    /// <summary>Forgets the derivative at the current point, e.g. after an event changed the state.</summary>
    void Invalidate();

    /// <summary>Interpolates inside the last accepted step at y(t₀ + θh).</summary>
    /// <param name="theta">θ ∈ [0, 1].</param>
    /// <param name="y0">The state at the step's start.</param>
    /// <param name="y1">The state at the step's end.</param>
    /// <param name="state">Receives the interpolated state.</param>
    void Interpolate(double theta, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, Span<double> state);

    /// <summary>
    /// Writes the last accepted step's interpolant as monomial coefficients c₀ … c_d (each of length n, c₀ = y₀) so that
    /// y(t₀ + θh) = Σₘ cₘ θᵐ; used to store dense output.
    /// </summary>
    /// <param name="y0">The state at the step's start.</param>
    /// <param name="y1">The state at the step's end.</param>
    /// <param name="coefficients">Receives (degree + 1) × n values.</param>
    void CopyInterpolant(ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, Span<double> coefficients);
}
