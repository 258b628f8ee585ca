"""Draw the application icon: a calm blue rounded square with rising steps and a white check mark.

Writes ``assets/icon.png`` (256×256, for the Tk window) and ``assets/icon.ico`` (16–256, for the
Windows executable and Explorer). Run after changing the design and commit both files:

    uv run --extra build python build/make_icon.py

Each size is drawn at 8× and shrunk, so the edges are smooth; sizes up to 32 px leave out the
step bars, which would only blur into the check mark.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
SUPERSAMPLE = 8

BLUE = (31, 95, 168, 255)  # a calm municipal blue (#1F5FA8)
BLUE_DARK = (22, 71, 128, 255)  # lower edge, a hint of depth
STEP = (125, 170, 222, 255)  # light blue step bars, quieter than the white check
WHITE = (255, 255, 255, 255)


def draw(size: int) -> Image.Image:
    """The icon at ``size`` pixels square."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    small = size <= 32
    margin = round(big * (0.03 if small else 0.06))
    radius = round(big * 0.2)
    box = (margin, margin, big - margin - 1, big - margin - 1)
    pen.rounded_rectangle(box, radius=radius, fill=BLUE_DARK)
    # The face sits slightly above the darker base, which shows as a thin lower edge.
    face = (box[0], box[1], box[2], box[3] - round(big * 0.025))
    pen.rounded_rectangle(face, radius=radius, fill=BLUE)

    inner = big - 2 * margin
    if not small:
        # Three rising steps: small improvements, one after another (小さな成功体験).
        bar_width = inner * 0.18
        gap = inner * 0.07
        floor = margin + inner * 0.84
        left = margin + inner * 0.175
        for index, height in enumerate((0.16, 0.30, 0.44)):
            x0 = left + index * (bar_width + gap)
            pen.rounded_rectangle(
                (x0, floor - inner * height, x0 + bar_width, floor),
                radius=round(bar_width * 0.18),
                fill=STEP,
            )

    # The check mark, drawn as a thick polyline with round joints and ends.
    # On the large sizes it sits above the steps, separated from them by a ring of the face colour.
    width = round(inner * (0.17 if small else 0.11))
    alone = ((0.22, 0.52), (0.42, 0.72), (0.80, 0.28))
    above_steps = ((0.20, 0.36), (0.38, 0.53), (0.80, 0.13))
    corners = alone if small else above_steps
    points = [(margin + inner * x, margin + inner * y) for x, y in corners]
    strokes = [(width, WHITE)] if small else [(width + round(inner * 0.06), BLUE), (width, WHITE)]
    for stroke, colour in strokes:
        pen.line(points, fill=colour, width=stroke, joint="curve")
        for x, y in (points[0], points[-1]):
            pen.ellipse((x - stroke / 2, y - stroke / 2, x + stroke / 2, y + stroke / 2), fill=colour)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    """Write assets/icon.png and assets/icon.ico."""
    assets = ROOT / "assets"
    assets.mkdir(exist_ok=True)
    draw(256).save(assets / "icon.png", optimize=True)
    frames = [draw(size) for size in ICO_SIZES]
    # Pillow writes one ICO entry per size from the largest frame unless the others are appended.
    frames[-1].save(
        assets / "icon.ico",
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=frames[:-1],
    )
    print(f"wrote {assets / 'icon.png'} and {assets / 'icon.ico'} ({', '.join(map(str, ICO_SIZES))} px)")


if __name__ == "__main__":
    main()
