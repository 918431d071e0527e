using System.Buffers.Binary;

namespace Dynamics.Tests.Support;

public static class PngAssert
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts the file is a PNG (signature, IHDR with a sensible size) with real content.</summary>
    public static void IsValid(string path, int minimumBytes = 20_000)
    {
        Assert.True(File.Exists(path), $"{path} was not written.");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length >= minimumBytes, $"{path} has only {bytes.Length} bytes; a drawn figure is larger.");
        Assert.Equal(Signature, bytes[..8]);
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        int width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
        int height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
        Assert.InRange(width, 400, 4000);
        Assert.InRange(height, 300, 4000);
    }
}
