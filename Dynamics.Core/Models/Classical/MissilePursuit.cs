using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Classical;

/// <summary>
/// Pure pursuit of a target on a straight line (Bouguer 1732; MathWorld "Pursuit Curve"; docs/classical.md): a missile
/// starts at the origin with speed v and always heads at a target that starts at (L, 0) and moves along x = L with
/// speed u, T(t) = (L, ut). The state is the missile's position P = (x, y):
/// P' = v (T(t) − P)/‖T(t) − P‖.
/// The field is non-autonomous and singular at capture (T = P, where it evaluates to NaN), so integrate it with a stop
/// event on <see cref="Distance"/> falling through a small tolerance, plus one on <see cref="AlongTrack"/> falling through
/// 0 in case a step jumps over the capture ball. With k = u/v &lt; 1 the missile hits the target
/// at time t* = Lv/(v² − u²) at (L, Lk/(1 − k²)) after flying L/(1 − k²); with k = 1 it ends trailing at distance L/2;
/// with k &gt; 1 the distance first shrinks and then grows like (u − v)t.
/// Article 1045 of kexue.fm (Su, "What I learned about differential equations this week") names this problem, but its
/// full text was not found: the formulation here is the standard textbook one, a reconstruction (docs/classical.md).
/// </summary>
/// <param name="TargetDistance">L, the target's initial distance (length units, e.g. km), &gt; 0.</param>
/// <param name="TargetSpeed">u, the target's speed (length per time, e.g. km/h), &gt; 0.</param>
/// <param name="MissileSpeed">v, the missile's speed, &gt; 0.</param>
public readonly record struct MissilePursuit(double TargetDistance, double TargetSpeed, double MissileSpeed) : IModel, ILaneField, IJacobianField, IHasInvariants
{
    /// <summary>
    /// Variant A of docs/classical.md: a ship 120 km away sailing at 90 km/h across the line of sight, a missile at
    /// 450 km/h (k = 1/5); capture after 5/18 h, 25 km along the ship's course. (A struct's default value has every
    /// parameter 0; use this constructor.)
    /// </summary>
    public MissilePursuit()
        : this(120.0, 90.0, 450.0)
    {
    }

    /// <summary>Variant B of docs/classical.md: the target at distance 1 moves at v₀, the missile at 5v₀; the hit comes after the target has moved 5/24.</summary>
    /// <param name="targetSpeed">v₀ &gt; 0.</param>
    /// <returns>The model (1, v₀, 5v₀).</returns>
    public static MissilePursuit VariantB(double targetSpeed = 1.0) => new(1.0, targetSpeed, 5 * targetSpeed);

    /// <summary>The speed ratio k = u/v.</summary>
    public double SpeedRatio => TargetSpeed / MissileSpeed;

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public string Name => "Missile pursuit";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("L", TargetDistance), ("u", TargetSpeed), ("v", MissileSpeed));

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ["x (towards the target's start)", "y (along the target's course)"];

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
        T targetDistance = parameters.Read(0, TargetDistance), targetSpeed = parameters.Read(1, TargetSpeed), missileSpeed = parameters.Read(2, MissileSpeed);
        T dx = targetDistance - y[0], dy = targetSpeed * t - y[1];
        T speedOverDistance = missileSpeed / T.Sqrt(dx * dx + dy * dy);
        dydt[0] = speedOverDistance * dx;
        dydt[1] = speedOverDistance * dy;
    }

    /// <summary>The distance r = ‖T(t) − P‖ from the missile at <paramref name="state"/> to the target at time <paramref name="t"/>.</summary>
    /// <param name="t">The time.</param>
    /// <param name="state">The missile's position.</param>
    /// <returns>r.</returns>
    public double Distance(double t, ReadOnlySpan<double> state)
    {
        double dx = TargetDistance - state[0], dy = TargetSpeed * t - state[1];
        return Math.Sqrt(dx * dx + dy * dy);
    }

    /// <summary>
    /// The line of sight's component along the target's course, ut − y = r cos α. It starts at 0, is positive while the
    /// missile chases (α ∈ (0, π/2)) and changes sign only if a step carries the missile past the target; a second stop
    /// event on it ends a solve cleanly when a coarse step jumps over the capture ball around the singularity.
    /// </summary>
    /// <param name="t">The time.</param>
    /// <param name="state">The missile's position.</param>
    /// <returns>ut − y.</returns>
    public double AlongTrack(double t, ReadOnlySpan<double> state) => TargetSpeed * t - state[1];

    /// <summary>The closed-form capture time t* = Lv/(v² − u²) for k &lt; 1; +∞ for k ≥ 1 (no capture).</summary>
    public double CaptureTime =>
        SpeedRatio < 1 ? TargetDistance * MissileSpeed / (MissileSpeed * MissileSpeed - TargetSpeed * TargetSpeed) : double.PositiveInfinity;

    /// <summary>The closed-form capture point's y = Lk/(1 − k²) (its x is L); +∞ for k ≥ 1.</summary>
    public double CaptureY => SpeedRatio < 1 ? TargetDistance * SpeedRatio / (1 - SpeedRatio * SpeedRatio) : double.PositiveInfinity;

    /// <summary>The missile's path length up to capture, L/(1 − k²) = v·t*; +∞ for k ≥ 1.</summary>
    public double PathLength => SpeedRatio < 1 ? TargetDistance / (1 - SpeedRatio * SpeedRatio) : double.PositiveInfinity;

    /// <summary>
    /// The closed-form pursuit curve y(x) for 0 ≤ x &lt; L, s = 1 − x/L (from (L − x)y'' = k√(1 + y'²)):
    /// y = Lk/(1 − k²) − (L/2)s^{1−k}/(1 − k) + (L/2)s^{1+k}/(1 + k) for k ≠ 1, and
    /// y = (L/2)((s² − 1)/2 − ln s) for k = 1.
    /// </summary>
    /// <param name="x">The missile's x, in [0, L] (x = L only for k &lt; 1).</param>
    /// <returns>y(x).</returns>
    public double PathY(double x)
    {
        double l = TargetDistance, k = SpeedRatio, s = 1 - x / l;
        if (k == 1) return 0.5 * l * (0.5 * (s * s - 1) - Math.Log(s));
        return l * k / (1 - k * k) - 0.5 * l * Math.Pow(s, 1 - k) / (1 - k) + 0.5 * l * Math.Pow(s, 1 + k) / (1 + k);
    }

    /// <summary>
    /// The two invariants of docs/classical.md, in the relative coordinates r = ‖T − P‖ and α, the angle between the
    /// target's velocity and the line of sight (α(0) = π/2): the linear one vr + ur cos α + (v² − u²)t = Lv, and the
    /// shape one r sin α / tan(α/2)^{v/u} = L (from dr/dα = r(v − u cos α)/(u sin α)). Both hold for every k.
    /// </summary>
    public IReadOnlyList<Invariant> Invariants
    {
        get
        {
            var model = this;
            return
            [
                new Invariant("vr + ur cos α + (v² − u²)t", (t, y) => model.LinearInvariant(t, y)),
                new Invariant("r sin α / tan(α/2)^(v/u)", (t, y) => model.ShapeInvariant(t, y)),
            ];
        }
    }

    /// <summary>vr + ur cos α + (v² − u²)t, which equals Lv along every pursuit from the standard start.</summary>
    /// <param name="t">The time.</param>
    /// <param name="state">The missile's position.</param>
    /// <returns>The value.</returns>
    public double LinearInvariant(double t, ReadOnlySpan<double> state)
    {
        // u r cos α is u times the line of sight's component along the target's course, T_y − y.
        double u = TargetSpeed, v = MissileSpeed;
        return v * Distance(t, state) + u * (u * t - state[1]) + (v * v - u * u) * t;
    }

    /// <summary>r sin α / tan(α/2)^{v/u}, which equals L along every pursuit from the standard start.</summary>
    /// <param name="t">The time.</param>
    /// <param name="state">The missile's position.</param>
    /// <returns>The value.</returns>
    public double ShapeInvariant(double t, ReadOnlySpan<double> state)
    {
        // With r sin α = L − x and tan(α/2) = sin α/(1 + cos α) = (L − x)/(r + T_y − y), the quantity is
        // (L − x)^{1 − v/u} (r + T_y − y)^{v/u}; logarithms keep the large powers in range.
        double across = TargetDistance - state[0], along = TargetSpeed * t - state[1];
        double exponent = MissileSpeed / TargetSpeed;
        return Math.Exp((1 - exponent) * Math.Log(across) + exponent * Math.Log(Distance(t, state) + along));
    }
}
