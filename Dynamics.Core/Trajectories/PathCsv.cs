using System.Globalization;
using System.Text;
using Dynamics.Fields;
using Dynamics.Validation;

namespace Dynamics.Trajectories;

/// <summary>
/// Writes a recorded path as comma-separated values (RFC 4180): a header <c>t,name₀,…,nameₙ₋₁</c>, then one row per
/// recorded state with the time and the n components. Numbers use the invariant culture and round-trip precision
/// ("R"), so reading the file back gives the same doubles bit for bit; names containing a comma, quote or line break
/// are quoted. Used by <see cref="SampledPath.WriteCsv(TextWriter, IReadOnlyList{string}?)"/>.
/// </summary>
public static class PathCsv
{
    /// <summary>
    /// The column names for a field's components: <see cref="IModel.ComponentNames"/> when the field is a model,
    /// otherwise y0, y1, ….
    /// </summary>
    /// <param name="field">The field whose solution is written.</param>
    /// <returns>One name per component.</returns>
    public static IReadOnlyList<string> ComponentNames(IVectorField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field is IModel model && model.ComponentNames.Count == field.Dimension ? model.ComponentNames : DefaultNames(field.Dimension);
    }

    /// <summary>The names y0, y1, …, y(n − 1).</summary>
    /// <param name="dimension">n ≥ 1.</param>
    /// <returns>The names.</returns>
    public static string[] DefaultNames(int dimension)
    {
        Require.AtLeast(dimension, 1, nameof(dimension));
        var names = new string[dimension];
        for (int i = 0; i < dimension; i++) names[i] = "y" + i.ToString(CultureInfo.InvariantCulture);
        return names;
    }

    /// <summary>Writes <paramref name="path"/> to <paramref name="writer"/> (which is not closed).</summary>
    /// <param name="path">The recorded path.</param>
    /// <param name="writer">The destination.</param>
    /// <param name="componentNames">One header name per component (default y0, y1, …; see <see cref="ComponentNames"/>).</param>
    public static void Write(SampledPath path, TextWriter writer, IReadOnlyList<string>? componentNames = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(writer);
        var names = CheckNames(componentNames, path.Dimension);
        var line = new StringBuilder();
        line.Append('t');
        foreach (var name in names) line.Append(',').Append(Quote(name));
        writer.Write(line.Append('\n'));
        for (int k = 0; k < path.Count; k++)
        {
            line.Clear();
            line.Append(Number(path.Times[k]));
            foreach (double value in path.State(k)) line.Append(',').Append(Number(value));
            writer.Write(line.Append('\n'));
        }
    }

    /// <summary>
    /// Writes <paramref name="path"/> to the file <paramref name="file"/> atomically (UTF-8, no byte-order mark): into a
    /// temporary file in the same folder, then renamed into place, so a failure never leaves a half-written file.
    /// The folder is created when missing.
    /// </summary>
    /// <param name="path">The recorded path.</param>
    /// <param name="file">The target file, e.g. "lorenz.csv".</param>
    /// <param name="componentNames">One header name per component (default y0, y1, …).</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="IOException">The file or its folder cannot be written; the message names the path.</exception>
    public static string Write(SampledPath path, string file, IReadOnlyList<string>? componentNames = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        CheckNames(componentNames, path.Dimension);
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(file);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ArgumentException($"file '{file}' is not a valid path: {e.Message}", nameof(file), e);
        }

        string folder = Path.GetDirectoryName(fullPath) ?? ".";
        string temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                Write(path, writer, componentNames);
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Could not write the CSV file '{fullPath}': {e.Message}", e);
        }
        finally
        {
            try
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The original failure (if any) is the one to report; a leftover temporary file is harmless.
            }
        }

        return fullPath;
    }

    private static IReadOnlyList<string> CheckNames(IReadOnlyList<string>? names, int dimension)
    {
        if (names is null) return DefaultNames(dimension);
        if (names.Count != dimension)
            throw new ArgumentException($"componentNames has {names.Count} names, but the path has dimension {dimension}.", "componentNames");
        for (int i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrEmpty(names[i]))
                throw new ArgumentException($"componentNames[{i}] is null or empty; every column needs a name.", "componentNames");
        }

        return names;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // RFC 4180: a field with a comma, quote or line break is enclosed in quotes, and its quotes are doubled.
    private static string Quote(string name) =>
        name.AsSpan().IndexOfAny(",\"\r\n") < 0 ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
