using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Dialogs;

/// <summary>GET /media/{id}.{ext}: charts and exports, by their random id.</summary>
public static class MediaEndpoints
{
    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/{file}", async (string file, BotDbContext db, CancellationToken ct) =>
        {
            var dot = file.LastIndexOf('.');
            if (dot <= 0 || file.Length > 80) return Results.NotFound();
            var id = file[..dot];
            var extension = file[(dot + 1)..];
            var media = await db.Set<MediaFile>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.Extension == extension, ct);
            if (media is null) return Results.NotFound();
            return Results.File(media.Content, media.ContentType, fileDownloadName: extension == "png" ? null : $"communaute-{id[..8]}.{extension}");
        });
        return app;
    }
}
