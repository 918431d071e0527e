namespace Dynamics.Models.Generative;

/// <summary>
/// Dense row-major linear algebra for the small matrices of the generative models (d ≤ a few dozen, feature counts up
/// to a few hundred): Cholesky factorisation, solves and inverses into caller-owned buffers, so hot paths never allocate.
/// </summary>
internal static class SmallMatrix
{
    /// <summary>Lower Cholesky factor A = LLᵀ of a symmetric matrix; false when a pivot is not positive.</summary>
    public static bool Cholesky(ReadOnlySpan<double> a, int n, Span<double> lower)
    {
        lower[..(n * n)].Clear();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = a[i * n + j];
                for (int c = 0; c < j; c++) s -= lower[i * n + c] * lower[j * n + c];
                if (i == j)
                {
                    if (!(s > 0)) return false;
                    lower[i * n + i] = Math.Sqrt(s);
                }
                else
                {
                    lower[i * n + j] = s / lower[j * n + j];
                }
            }
        }

        return true;
    }

    /// <summary>log det A = 2 Σ log L_ii from the Cholesky factor.</summary>
    public static double LogDeterminant(ReadOnlySpan<double> lower, int n)
    {
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.Log(lower[i * n + i]);
        return 2 * sum;
    }

    /// <summary>Solves LLᵀx = b in place (b becomes x).</summary>
    public static void CholeskySolve(ReadOnlySpan<double> lower, int n, Span<double> b)
    {
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int c = 0; c < i; c++) s -= lower[i * n + c] * b[c];
            b[i] = s / lower[i * n + i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int c = i + 1; c < n; c++) s -= lower[c * n + i] * b[c];
            b[i] = s / lower[i * n + i];
        }
    }

    /// <summary>A⁻¹ from the Cholesky factor of A, column by column; <paramref name="column"/> is n scratch entries.</summary>
    public static void CholeskyInverse(ReadOnlySpan<double> lower, int n, Span<double> inverse, Span<double> column)
    {
        for (int j = 0; j < n; j++)
        {
            column[..n].Clear();
            column[j] = 1;
            CholeskySolve(lower, n, column);
            for (int i = 0; i < n; i++) inverse[i * n + j] = column[i];
        }
    }

    /// <summary>
    /// General inverse by Gauss–Jordan elimination with partial pivoting; <paramref name="work"/> holds n·n scratch
    /// entries. Returns false for a singular matrix.
    /// </summary>
    public static bool Inverse(ReadOnlySpan<double> a, int n, Span<double> inverse, Span<double> work)
    {
        a[..(n * n)].CopyTo(work);
        inverse[..(n * n)].Clear();
        for (int i = 0; i < n; i++) inverse[i * n + i] = 1;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
                if (Math.Abs(work[r * n + col]) > Math.Abs(work[pivot * n + col])) pivot = r;
            if (work[pivot * n + col] == 0) return false;
            if (pivot != col)
            {
                for (int c = 0; c < n; c++)
                {
                    (work[pivot * n + c], work[col * n + c]) = (work[col * n + c], work[pivot * n + c]);
                    (inverse[pivot * n + c], inverse[col * n + c]) = (inverse[col * n + c], inverse[pivot * n + c]);
                }
            }

            double scale = 1 / work[col * n + col];
            for (int c = 0; c < n; c++)
            {
                work[col * n + c] *= scale;
                inverse[col * n + c] *= scale;
            }

            for (int r = 0; r < n; r++)
            {
                if (r == col) continue;
                double f = work[r * n + col];
                if (f == 0) continue;
                for (int c = 0; c < n; c++)
                {
                    work[r * n + c] -= f * work[col * n + c];
                    inverse[r * n + c] -= f * inverse[col * n + c];
                }
            }
        }

        return true;
    }
}
