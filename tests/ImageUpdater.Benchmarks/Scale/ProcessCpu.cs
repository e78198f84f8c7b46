using System.Globalization;

namespace ImageUpdater.Benchmarks.Scale;

/// <summary>CPU time and peak working set of a process, read from <c>/proc/&lt;pid&gt;/stat</c> and <c>status</c>.</summary>
internal static class ProcessCpu
{
    // USER_HZ: the unit of utime and stime in /proc/<pid>/stat; 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU time the process has used so far.</summary>
    public static TimeSpan Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // The command name (field 2) may hold spaces; the fields after its closing parenthesis start at field 3.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The peak resident set (<c>VmHWM</c>) in bytes.</summary>
    public static long PeakWorkingSet(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
