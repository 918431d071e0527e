using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Problems;
using Dynamics.Validation;

namespace Dynamics.Solvers.Analysis;

/// <summary>
/// Lyapunov exponents by Benettin's method (Benettin, Galgani, Giorgilli &amp; Strelcyn, Meccanica 15, 1980; Shimada &amp;
/// Nagashima, Prog. Theor. Phys. 61, 1979): the orbit and k tangent vectors are integrated together through the
/// variational equations v' = J(t, y)·v; every <see cref="LyapunovOptions.RenormalisationInterval"/> the vectors are
/// re-orthonormalised by modified Gram–Schmidt (a QR factorisation V = QR), and λᵢ = (1/T) Σ ln Rᵢᵢ. The vectors then
/// span the k most expanding directions, so λ₁ ≥ … ≥ λ_k. For Lorenz (σ, ρ, β) = (10, 28, 8/3) the spectrum is about
/// (0.9056, 0, −14.5723) (Sprott, "Chaos and Time-Series Analysis", 2003), summing to −(σ + 1 + β); for a linear
/// field y' = Ay the exponents are the real parts of A's eigenvalues.
/// </summary>
public static class LyapunovExponents
{
    /// <summary>Measures the first <see cref="LyapunovOptions.Count"/> exponents of the orbit from <paramref name="initialState"/>.</summary>
    /// <typeparam name="TField">The field type; an <see cref="IJacobianField"/> or an <see cref="ILaneField"/> gives the exact Jacobian, otherwise central differences are used.</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="initialState">The start of the orbit (finite, length n).</param>
    /// <param name="options">The options (default <see cref="LyapunovOptions.Default"/>).</param>
    /// <returns>The exponents, their running history and how the solve ended.</returns>
    public static LyapunovSpectrum Compute<TField>(TField field, ReadOnlySpan<double> initialState, LyapunovOptions? options = null)
        where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(field);
        options ??= LyapunovOptions.Default;
        int n = field.Dimension;
        int k = Validate(options, n);
        Require.Length(initialState.Length, n, nameof(initialState));
        Require.AllFinite(initialState, nameof(initialState));

        var solver = SolverOptions.WithTolerance(options.SolverTolerance) with { SaveAt = SaveAt.End };
        double t = options.StartTime;
        var y = initialState.ToArray();
        if (options.TransientTime > 0)
        {
            var transient = Ode.Solve(OdeProblem.Create(field, y, t, t + options.TransientTime), options.Method, solver);
            if (!transient.IsSuccess)
                return Failed(k, n, transient.FinalState.ToArray(), Jacobian.HasExact(field), transient.Status, $"The transient failed: {transient.Message}");
            y = transient.FinalState.ToArray();
            t += options.TransientTime;
        }

        var variational = new VariationalField<TField>(field, k, options.DifferenceStep);
        // z = (y, v₁, …, v_k), the vᵢ starting as the first k unit vectors.
        var z = new double[n * (k + 1)];
        y.CopyTo(z, 0);
        for (int c = 0; c < k; c++) z[n + c * n + c] = 1;

        int intervals = Math.Max(1, (int)Math.Round(options.Time / options.RenormalisationInterval));
        double interval = options.Time / intervals;
        var sums = new double[k];
        var historyTimes = new double[intervals];
        var history = new double[intervals * k];
        Integrator<VariationalField<TField>>? integrator = null;
        double start = t;
        for (int r = 0; r < intervals; r++)
        {
            double end = start + (r + 1) * interval;
            var problem = OdeProblem.Create(variational, z, t, end);
            if (integrator is null) integrator = new Integrator<VariationalField<TField>>(problem, options.Method, solver, throwOnFailure: false);
            else integrator.Reset(problem);
            while (integrator.Step())
            {
            }

            integrator.State.CopyTo(z);
            if (integrator.Status != SolveStatus.Success)
            {
                var partial = new double[k];
                for (int c = 0; c < k; c++) partial[c] = r > 0 ? sums[c] / (t - start) : double.NaN;
                return new LyapunovSpectrum(partial, historyTimes[..r], history[..(r * k)], t - start, z[..n], variational.AnalyticJacobian,
                    integrator.Status, $"The variational equations failed after {r} renormalisations: {integrator.Message}");
            }

            t = end;
            Orthonormalise(z.AsSpan(n), n, k, sums);
            historyTimes[r] = t - start;
            for (int c = 0; c < k; c++) history[r * k + c] = sums[c] / (t - start);
        }

        var exponents = new double[k];
        for (int c = 0; c < k; c++) exponents[c] = sums[c] / (t - start);
        return new LyapunovSpectrum(exponents, historyTimes, history, t - start, z[..n], variational.AnalyticJacobian, SolveStatus.Success,
            $"Averaged over T = {Require.Format(t - start)} with {intervals} renormalisations.");
    }

    // Modified Gram–Schmidt on the k columns of V (column c at c·n): V = QR, V ← Q, and ln Rcc added to sums[c].
    private static void Orthonormalise(Span<double> vectors, int n, int k, double[] sums)
    {
        for (int c = 0; c < k; c++)
        {
            var v = vectors.Slice(c * n, n);
            for (int p = 0; p < c; p++)
            {
                var q = vectors.Slice(p * n, n);
                double projection = 0;
                for (int i = 0; i < n; i++) projection += v[i] * q[i];
                for (int i = 0; i < n; i++) v[i] -= projection * q[i];
            }

            double norm = 0;
            for (int i = 0; i < n; i++) norm += v[i] * v[i];
            norm = Math.Sqrt(norm);
            sums[c] += Math.Log(norm);
            for (int i = 0; i < n; i++) v[i] /= norm;
        }
    }

    private static LyapunovSpectrum Failed(int k, int n, double[] state, bool analytic, SolveStatus status, string message)
    {
        var nan = new double[k];
        Array.Fill(nan, double.NaN);
        return new LyapunovSpectrum(nan, [], [], 0, state.Length == n ? state : new double[n], analytic, status, message);
    }

    private static int Validate(LyapunovOptions options, int n)
    {
        int k = options.Count ?? n;
        if (k < 1 || k > n)
            throw new ArgumentOutOfRangeException(nameof(options.Count), k, $"Count must lie in [1, {n}] (the field's dimension), but was {k}.");
        Require.NonNegative(options.TransientTime, nameof(options.TransientTime));
        Require.Positive(options.Time, nameof(options.Time));
        Require.Positive(options.RenormalisationInterval, nameof(options.RenormalisationInterval));
        if (options.RenormalisationInterval > options.Time)
            throw new ArgumentOutOfRangeException(nameof(options.RenormalisationInterval), options.RenormalisationInterval,
                $"RenormalisationInterval = {Require.Format(options.RenormalisationInterval)} exceeds Time = {Require.Format(options.Time)}.");
        Require.Finite(options.StartTime, nameof(options.StartTime));
        Require.Positive(options.SolverTolerance, nameof(options.SolverTolerance));
        Require.Positive(options.DifferenceStep, nameof(options.DifferenceStep));
        ArgumentNullException.ThrowIfNull(options.Method, nameof(options.Method));
        if (options.Method.EmbeddedOrder is null)
            throw new ArgumentException($"Method {options.Method.Name} has no error estimate; Lyapunov exponents need an adaptive method such as DormandPrince5.", nameof(options.Method));
        return k;
    }
}
