using Dynamics.Numerics;
using Dynamics.Validation;

namespace Dynamics.Analysis;

/// <summary>
/// The zero level set of a function sampled on a <see cref="PlaneGrid"/>, as polylines, by marching squares
/// (Lorensen &amp; Cline 1987, in two dimensions): each cell whose corners change sign contributes one or two segments
/// between sign changes on its edges, and segments sharing an edge are joined into curves, so every branch comes out
/// as one polyline (closed when it is a loop). Ambiguous "saddle" cells (signs alternating around the cell) are
/// resolved with the asymptotic decider (Nielson &amp; Hamann 1991): the sign of the bilinear interpolant at its saddle
/// point, (v₀v₂ − v₁v₃)/(v₀ + v₂ − v₁ − v₃), decides which corners connect. Cells with a non-finite corner are skipped.
/// </summary>
public static class MarchingSquares
{
    /// <summary>Traces the curves g = 0.</summary>
    /// <param name="grid">The grid the values live on.</param>
    /// <param name="values">g at every node, row by row (index j·Columns + i).</param>
    /// <param name="function">
    /// Optionally g(x, y) itself: each crossing is then refined by Brent's method along its grid edge, so the points lie
    /// on g = 0 to machine precision instead of within the O(h²) error of linear interpolation.
    /// </param>
    /// <returns>The branches of the zero set.</returns>
    public static IReadOnlyList<Polyline> ZeroContours(PlaneGrid grid, ReadOnlySpan<double> values, Func<double, double, double>? function = null)
    {
        grid.Validate(nameof(grid));
        if (values.Length != grid.Count)
            throw new ArgumentException($"values has length {values.Length}, but the grid has {grid.Columns} × {grid.Rows} = {grid.Count} nodes.", nameof(values));
        var segments = Segments(grid, values);
        var points = new Dictionary<int, (double X, double Y)>();
        foreach (var (a, b) in segments)
        {
            AddPoint(points, a, grid, values, function);
            AddPoint(points, b, grid, values, function);
        }

        return Link(segments, points);
    }

    // Edge ids: 2·node for the horizontal edge from node (i, j) to (i + 1, j), 2·node + 1 for the vertical edge to (i, j + 1).
    private static List<(int A, int B)> Segments(PlaneGrid grid, ReadOnlySpan<double> values)
    {
        var segments = new List<(int A, int B)>();
        Span<int> crossing = stackalloc int[4];
        for (int j = 0; j + 1 < grid.Rows; j++)
        {
            for (int i = 0; i + 1 < grid.Columns; i++)
            {
                int n0 = grid.IndexOf(i, j), n1 = grid.IndexOf(i + 1, j), n2 = grid.IndexOf(i + 1, j + 1), n3 = grid.IndexOf(i, j + 1);
                double v0 = values[n0], v1 = values[n1], v2 = values[n2], v3 = values[n3];
                if (!double.IsFinite(v0) || !double.IsFinite(v1) || !double.IsFinite(v2) || !double.IsFinite(v3)) continue;
                bool p0 = v0 >= 0, p1 = v1 >= 0, p2 = v2 >= 0, p3 = v3 >= 0;
                int bottom = 2 * n0, right = 2 * n1 + 1, top = 2 * n3, left = 2 * n0 + 1;
                if (p0 == p2 && p1 == p3 && p0 != p1)
                {
                    // Saddle cell: the sign of the bilinear interpolant at its saddle point says whether the two corners
                    // that share a sign with corner 0 are joined through the middle of the cell.
                    double centre = (v0 * v2 - v1 * v3) / (v0 + v2 - v1 - v3);
                    if ((centre >= 0) == p0)
                    {
                        segments.Add((bottom, right));
                        segments.Add((top, left));
                    }
                    else
                    {
                        segments.Add((left, bottom));
                        segments.Add((top, right));
                    }

                    continue;
                }

                int count = 0;
                if (p0 != p1) crossing[count++] = bottom;
                if (p1 != p2) crossing[count++] = right;
                if (p2 != p3) crossing[count++] = top;
                if (p3 != p0) crossing[count++] = left;
                if (count == 2) segments.Add((crossing[0], crossing[1]));
            }
        }

        return segments;
    }

    private static void AddPoint(Dictionary<int, (double X, double Y)> points, int edge, PlaneGrid grid, ReadOnlySpan<double> values,
        Func<double, double, double>? function)
    {
        if (points.ContainsKey(edge)) return;
        int node = edge / 2, i = node % grid.Columns, j = node / grid.Columns;
        bool horizontal = edge % 2 == 0;
        int other = horizontal ? grid.IndexOf(i + 1, j) : grid.IndexOf(i, j + 1);
        double xa = grid.XAt(i), ya = grid.YAt(j);
        double xb = horizontal ? grid.XAt(i + 1) : xa, yb = horizontal ? ya : grid.YAt(j + 1);
        double va = values[node], vb = values[other];
        double s = va / (va - vb);
        if (function is not null)
        {
            var along = new AlongEdge(function, xa, ya, xb, yb);
            s = BrentRoot.Find(ref along, 0, 1, va, vb);
        }

        points[edge] = (xa + s * (xb - xa), ya + s * (yb - ya));
    }

    private static List<Polyline> Link(List<(int A, int B)> segments, Dictionary<int, (double X, double Y)> points)
    {
        // Each edge is shared by at most two cells, so at most two segments meet at a crossing point.
        var byEdge = new Dictionary<int, (int First, int Second)>();
        for (int s = 0; s < segments.Count; s++)
        {
            Attach(byEdge, segments[s].A, s);
            Attach(byEdge, segments[s].B, s);
        }

        var used = new bool[segments.Count];
        var curves = new List<Polyline>();
        for (int s = 0; s < segments.Count; s++)
        {
            if (used[s]) continue;
            used[s] = true;
            var forward = Walk(segments, byEdge, used, segments[s].B);
            var backward = Walk(segments, byEdge, used, segments[s].A);
            var edges = new List<int>(backward.Count + forward.Count + 2);
            for (int k = backward.Count - 1; k >= 0; k--) edges.Add(backward[k]);
            edges.Add(segments[s].A);
            edges.Add(segments[s].B);
            edges.AddRange(forward);
            if (ToPolyline(edges, points) is { } curve) curves.Add(curve);
        }

        return curves;
    }

    private static void Attach(Dictionary<int, (int First, int Second)> byEdge, int edge, int segment) =>
        byEdge[edge] = byEdge.TryGetValue(edge, out var pair) ? (pair.First, segment) : (segment, -1);

    // Follows unused segments from an edge, returning the edges passed in order (excluding the start).
    private static List<int> Walk(List<(int A, int B)> segments, Dictionary<int, (int First, int Second)> byEdge, bool[] used, int edge)
    {
        var path = new List<int>();
        while (true)
        {
            var (first, second) = byEdge[edge];
            int next = first >= 0 && !used[first] ? first : second >= 0 && !used[second] ? second : -1;
            if (next < 0) return path;
            used[next] = true;
            edge = segments[next].A == edge ? segments[next].B : segments[next].A;
            path.Add(edge);
        }
    }

    private static Polyline? ToPolyline(List<int> edges, Dictionary<int, (double X, double Y)> points)
    {
        var xs = new List<double>(edges.Count);
        var ys = new List<double>(edges.Count);
        foreach (int edge in edges)
        {
            var (x, y) = points[edge];
            // Curves through grid nodes where g is exactly 0 produce repeated points; keep one.
            if (xs.Count > 0 && xs[^1] == x && ys[^1] == y) continue;
            xs.Add(x);
            ys.Add(y);
        }

        return xs.Count >= 2 ? new Polyline([.. xs], [.. ys]) : null;
    }

    /// <summary>g restricted to a grid edge, parameterised by s ∈ [0, 1].</summary>
    private readonly struct AlongEdge(Func<double, double, double> function, double xa, double ya, double xb, double yb) : IScalarFunction
    {
        public double Evaluate(double x) => function(xa + x * (xb - xa), ya + x * (yb - ya));
    }
}
