using Dynamics.Fields;
using Dynamics.Validation;

namespace Dynamics.Analysis;

/// <summary>
/// Evenly spaced streamlines of the (projected, time-frozen) field in a window, after Jobard &amp; Lefer, "Creating
/// evenly-spaced streamlines of arbitrary density" (1997): seeds on a lattice; each line is traced both ways with
/// midpoint (RK2) steps along the unit direction field and stops at the window's edge, near an equilibrium, on coming
/// within half the separation of another line (or of itself, which closes loops), or after a maximum length. Distances
/// are measured in window-normalised coordinates ((x − x_min)/width, (y − y_min)/height), so axes in different units are
/// treated as a square picture. A streamline shows direction only: the speed along it is not encoded.
/// </summary>
public static class Streamlines
{
    /// <summary>Traces the streamlines.</summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="slice">The plane (and the time at which the field is frozen).</param>
    /// <param name="xRange">The window's horizontal range.</param>
    /// <param name="yRange">The window's vertical range.</param>
    /// <param name="separation">The distance between neighbouring lines as a fraction of the window (0.005 to 0.5; default 0.04).</param>
    /// <returns>The streamlines, each ordered along the flow.</returns>
    public static IReadOnlyList<Polyline> Trace<TField>(TField field, PlaneSlice slice, Interval xRange, Interval yRange, double separation = 0.04)
        where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(slice);
        slice.Validate(field, nameof(field));
        xRange.Validate(nameof(xRange));
        yRange.Validate(nameof(yRange));
        if (!(separation >= 0.005 && separation <= 0.5))
            throw new ArgumentOutOfRangeException(nameof(separation), separation, $"separation must lie in [0.005, 0.5], but was {Require.Format(separation)}.");
        var tracer = new Tracer<TField>(field, slice, xRange, yRange, separation);
        return tracer.Run();
    }

    private sealed class Tracer<TField> where TField : IVectorField
    {
        private readonly TField _field;
        private readonly PlaneSlice _slice;
        private readonly Interval _x, _y;
        private readonly double _separation, _test, _step, _stallSpeed;
        private readonly int _cells, _ownNeighbourhood, _maxSteps;
        private readonly List<(double U, double V, int Line, int Position)>[] _occupancy;
        private readonly double[] _state, _derivative;

        public Tracer(TField field, PlaneSlice slice, Interval x, Interval y, double separation)
        {
            _field = field;
            _slice = slice;
            _x = x;
            _y = y;
            _separation = separation;
            _test = 0.5 * separation;
            _step = 0.2 * _test;
            _cells = (int)Math.Ceiling(1 / separation);
            _occupancy = new List<(double, double, int, int)>[_cells * _cells];
            _ownNeighbourhood = (int)Math.Ceiling(2 * _test / _step) + 2;
            _maxSteps = (int)Math.Ceiling(8 / _step);
            _state = new double[slice.Dimension];
            _derivative = new double[slice.Dimension];
            _stallSpeed = 1e-6 * TypicalSpeed();
        }

        public List<Polyline> Run()
        {
            var lines = new List<Polyline>();
            int seedsPerAxis = (int)Math.Ceiling(1 / _separation);
            for (int j = 0; j < seedsPerAxis; j++)
            {
                for (int i = 0; i < seedsPerAxis; i++)
                {
                    double u = (i + 0.5) / seedsPerAxis, v = (j + 0.5) / seedsPerAxis;
                    if (Crowded(u, v, _separation, -1, 0)) continue;
                    if (TraceLine(u, v, lines.Count) is { } line) lines.Add(line);
                }
            }

            return lines;
        }

        private Polyline? TraceLine(double u, double v, int id)
        {
            var forward = Half(u, v, +1, id, []);
            var backward = Half(u, v, -1, id, forward);
            int count = forward.Count + backward.Count + 1;
            if (count * _step < 2 * _separation) return null;
            var xs = new double[count];
            var ys = new double[count];
            int k = 0;
            for (int m = backward.Count - 1; m >= 0; m--, k++) (xs[k], ys[k]) = ToPlane(backward[m]);
            (xs[k], ys[k]) = ToPlane((u, v));
            k++;
            foreach (var point in forward) (xs[k], ys[k++]) = ToPlane(point);
            Occupy(u, v, id, 0);
            for (int m = 0; m < forward.Count; m++) Occupy(forward[m].U, forward[m].V, id, m + 1);
            for (int m = 0; m < backward.Count; m++) Occupy(backward[m].U, backward[m].V, id, -m - 1);
            return new Polyline(xs, ys);
        }

        // Points of one half of a line, in order from the seed. They are registered only once the line is complete, so
        // each half checks itself and the other half (which closes loops) as well as the other lines as it goes.
        private List<(double U, double V)> Half(double u, double v, int sign, int id, List<(double U, double V)> otherHalf)
        {
            var points = new List<(double U, double V)>();
            for (int n = 1; n <= _maxSteps; n++)
            {
                if (!Direction(u, v, sign, out double du, out double dv)) break;
                if (!Direction(u + 0.5 * _step * du, v + 0.5 * _step * dv, sign, out double mu, out double mv)) break;
                double nu = u + _step * mu, nv = v + _step * mv;
                if (nu < 0 || nu > 1 || nv < 0 || nv > 1) break;
                if (Crowded(nu, nv, _test, id, sign * n) || ClosesOnItself(points, otherHalf, n, nu, nv)) break;
                points.Add((nu, nv));
                u = nu;
                v = nv;
            }

            return points;
        }

        // Point n of this half against the earlier points of this half and the points of the other half, ignoring
        // those within the line's own neighbourhood (positions counted along the whole line through the seed).
        private bool ClosesOnItself(List<(double U, double V)> points, List<(double U, double V)> otherHalf, int n, double u, double v)
        {
            for (int m = 0; m < points.Count - _ownNeighbourhood; m++)
            {
                if (Square(points[m].U - u) + Square(points[m].V - v) < _test * _test) return true;
            }

            for (int m = Math.Max(0, _ownNeighbourhood - n - 1); m < otherHalf.Count; m++)
            {
                if (Square(otherHalf[m].U - u) + Square(otherHalf[m].V - v) < _test * _test) return true;
            }

            return false;
        }

        private bool Direction(double u, double v, int sign, out double du, out double dv)
        {
            _slice.Lift(_x.At(u), _y.At(v), _state);
            _field.Evaluate(_slice.Time, _state, _derivative);
            double fu = _derivative[_slice.XComponent] / _x.Width, fv = _derivative[_slice.YComponent] / _y.Width;
            double speed = Math.Sqrt(fu * fu + fv * fv);
            if (!(speed > _stallSpeed) || !double.IsFinite(speed))
            {
                du = dv = 0;
                return false;
            }

            du = sign * fu / speed;
            dv = sign * fv / speed;
            return true;
        }

        private bool Crowded(double u, double v, double distance, int line, int position)
        {
            int ci = Cell(u), cj = Cell(v);
            for (int j = Math.Max(0, cj - 1); j <= Math.Min(_cells - 1, cj + 1); j++)
            {
                for (int i = Math.Max(0, ci - 1); i <= Math.Min(_cells - 1, ci + 1); i++)
                {
                    if (_occupancy[j * _cells + i] is not { } points) continue;
                    foreach (var p in points)
                    {
                        if (p.Line == line && Math.Abs(p.Position - position) < _ownNeighbourhood) continue;
                        if (Square(p.U - u) + Square(p.V - v) < distance * distance) return true;
                    }
                }
            }

            return false;
        }

        private void Occupy(double u, double v, int line, int position) =>
            (_occupancy[Cell(v) * _cells + Cell(u)] ??= []).Add((u, v, line, position));

        private int Cell(double w) => Math.Clamp((int)(w * _cells), 0, _cells - 1);

        private (double X, double Y) ToPlane((double U, double V) point) => (_x.At(point.U), _y.At(point.V));

        private double TypicalSpeed()
        {
            double maximum = 0;
            for (int j = 0; j <= 8; j++)
            {
                for (int i = 0; i <= 8; i++)
                {
                    _slice.Lift(_x.At(i / 8.0), _y.At(j / 8.0), _state);
                    _field.Evaluate(_slice.Time, _state, _derivative);
                    double s = Math.Sqrt(Square(_derivative[_slice.XComponent] / _x.Width) + Square(_derivative[_slice.YComponent] / _y.Width));
                    if (double.IsFinite(s)) maximum = Math.Max(maximum, s);
                }
            }

            return maximum;
        }

        private static double Square(double value) => value * value;
    }
}
