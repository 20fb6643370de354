using System.Globalization;

namespace Tarang.Load;

/// <summary>
/// Reads a Linux process's resident memory, threads, CPU time and open file descriptors from
/// <c>/proc/PID</c>. CPU is reported as a percentage of one core over the time since the previous
/// reading. Run-queue wait is the time the process's threads were ready to run but waited for a
/// core (<c>/proc/PID/task/*/schedstat</c>), in milliseconds per second of the interval; on a
/// shared machine it shows how much of a latency is CPU starvation.
/// </summary>
internal sealed class ProcessSampler(int processId)
{
    // USER_HZ, the unit of utime and stime in /proc/PID/stat; 100 on every Linux architecture .NET runs on.
    private const double ClockTicksPerSecond = 100;

    private long previousCpuTicks = -1;
    private Dictionary<string, long> previousWaits = [];
    private long previousTimestamp;

    public ProcessReading Read()
    {
        var status = File.ReadAllLines($"/proc/{processId}/status");
        long residentKilobytes = 0;
        var threads = 0;
        foreach (var line in status)
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                residentKilobytes = ParseFirstNumber(line);
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = (int)ParseFirstNumber(line);
            }
        }

        // The command name in field 2 may hold spaces and brackets, so fields are counted after the last ')'.
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var cpuTicks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);

        var waits = RunQueueWaits();
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        double? cpuPercent = null;
        double? waitMillisecondsPerSecond = null;
        if (previousCpuTicks >= 0)
        {
            var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(previousTimestamp, now).TotalSeconds;
            cpuPercent = seconds > 0 ? (cpuTicks - previousCpuTicks) / ClockTicksPerSecond / seconds * 100 : null;

            // Each thread's increase since the last reading counts; a thread started since then counts
            // in full. Threads that ended since then take their last increase with them.
            long waited = 0;
            foreach (var (thread, wait) in waits)
            {
                waited += wait - previousWaits.GetValueOrDefault(thread);
            }

            waitMillisecondsPerSecond = seconds > 0 ? waited / 1e6 / seconds : null;
        }

        previousCpuTicks = cpuTicks;
        previousWaits = waits;
        previousTimestamp = now;

        var handles = Directory.EnumerateFileSystemEntries($"/proc/{processId}/fd").Count();
        return new ProcessReading(residentKilobytes * 1024, threads, handles, cpuTicks / ClockTicksPerSecond, cpuPercent, waitMillisecondsPerSecond);
    }

    // The second field of each thread's schedstat is its time spent waiting on a run queue, in nanoseconds.
    private Dictionary<string, long> RunQueueWaits()
    {
        var waits = new Dictionary<string, long>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{processId}/task"))
        {
            try
            {
                var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                waits[Path.GetFileName(task)] = long.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return waits;
    }

    private static long ParseFirstNumber(string line)
    {
        var digits = new string([.. line.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit)]);
        return long.Parse(digits, CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// One reading of a process: resident bytes, threads, open file descriptors, total CPU seconds,
/// CPU % of one core and run-queue wait in ms per second since the last reading.
/// </summary>
internal sealed record ProcessReading(long ResidentBytes, int Threads, int Handles, double CpuSeconds, double? CpuPercent, double? RunQueueWaitMillisecondsPerSecond);
