namespace Dynamics.Plotting.Files;

/// <summary>
/// Writes output files atomically: content goes to a temporary file in the target folder and is renamed into place,
/// so a failed run never leaves a half-written file and an existing file is replaced only by a complete one.
/// The folder is created when missing.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="bytes">The content.</param>
    /// <returns>The full path written.</returns>
    public static string Write(string path, byte[] bytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(bytes);
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? ".";
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }

        return fullPath;
    }
}
