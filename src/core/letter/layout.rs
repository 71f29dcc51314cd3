//! Page furniture shared by letters and slips: fonts, paper, the kop surat, rules,
//! underlined text, DRAFT / DATA CONTOH markings, and the final compression pass.

use genpdf::elements::{Break, Image, Paragraph, TableLayout};
use genpdf::fonts::{FontData, FontFamily};
use genpdf::style::{Color, Style, StyledString};
use genpdf::{Alignment, Context, Document, Element, Margins, Mm, Position, RenderResult, Size};

use super::model::Kop;
use crate::core::settings::Settings;
use crate::core::{Error, Result};

const FONT_REGULAR: &[u8] = include_bytes!("../../../fonts/LoketSans-Regular.ttf");
const FONT_BOLD: &[u8] = include_bytes!("../../../fonts/LoketSans-Bold.ttf");

/// Dark red used for the DRAFT and DATA CONTOH markings.
pub const MARK_RED: Color = Color::Rgb(190, 0, 0);

/// Text of the demo marking printed on every letter made from the demo snapshot.
pub const DEMO_MARK: &str = "DATA CONTOH - BUKAN SURAT RESMI";

/// Text of the draft marking printed on unnumbered previews.
pub const DRAFT_MARK: &str = "DRAFT - BELUM BERNOMOR, TIDAK BERLAKU";

/// Page margins in mm: top, right, bottom, left.
const MARGINS: (f64, f64, f64, f64) = (14.0, 20.0, 16.0, 25.0);

fn letter_err(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Letter(format!("{what} ({e})"))
}

/// Which warnings are printed in the page header and footer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    /// Unnumbered preview.
    pub draft: bool,
    /// Made from the demo snapshot.
    pub demo: bool,
}

impl Marks {
    /// The marking lines, demo first.
    pub fn lines(self) -> Vec<&'static str> {
        let mut lines = Vec::new();
        if self.demo {
            lines.push(DEMO_MARK);
        }
        if self.draft {
            lines.push(DRAFT_MARK);
        }
        lines
    }
}

/// The letter font family: Loket Sans regular and bold (subsets of Liberation Sans, see
/// `fonts/README.md`), embedded.
///
/// Letters use no italics, so the italic styles map to the PDF built-in Helvetica
/// obliques instead of embedding two more fonts: printpdf scans every code point of each
/// embedded font (~25 ms each in release), so this halves render time and file size.
pub(crate) fn font_family() -> Result<FontFamily<FontData>> {
    let load = |bytes: &[u8], builtin: Option<printpdf::BuiltinFont>| {
        FontData::new(bytes.to_vec(), builtin)
            .map_err(|e| letter_err("huruf tidak dapat dimuat", e))
    };
    Ok(FontFamily {
        regular: load(FONT_REGULAR, None)?,
        bold: load(FONT_BOLD, None)?,
        italic: load(FONT_REGULAR, Some(printpdf::BuiltinFont::HelveticaOblique))?,
        bold_italic: load(FONT_BOLD, Some(printpdf::BuiltinFont::HelveticaBoldOblique))?,
    })
}

/// A new document on the office's paper with the letter fonts, margins and markings.
pub fn new_document(settings: &Settings, title: &str, marks: Marks) -> Result<Document> {
    let mut doc = Document::new(font_family()?);
    doc.set_title(title);
    let (w, h) = settings.paper.size_mm();
    doc.set_paper_size(Size::new(w, h));
    doc.set_font_size(11);
    doc.set_line_spacing(1.15);
    doc.set_minimal_conformance();
    doc.set_page_decorator(MarkingDecorator { marks });
    Ok(doc)
}

/// Renders the document and recompresses it with lopdf (genpdf writes streams and fonts
/// uncompressed, ~160 KB; compressed ~60-110 KB).
pub fn finish(doc: Document) -> Result<Vec<u8>> {
    let mut raw = Vec::with_capacity(200_000);
    doc.render(&mut raw)
        .map_err(|e| letter_err("PDF tidak dapat disusun", e))?;
    let mut pdf =
        lopdf::Document::load_mem(&raw).map_err(|e| letter_err("PDF tidak dapat dibaca", e))?;
    pdf.compress();
    let mut out = Vec::with_capacity(raw.len() / 2);
    pdf.save_to(&mut out)
        .map_err(|e| letter_err("PDF tidak dapat dipadatkan", e))?;
    Ok(out)
}

/// Adds the margins and prints the markings at the top and bottom of every page.
struct MarkingDecorator {
    marks: Marks,
}

impl genpdf::PageDecorator for MarkingDecorator {
    fn decorate_page<'a>(
        &mut self,
        context: &Context,
        mut area: genpdf::render::Area<'a>,
        style: Style,
    ) -> std::result::Result<genpdf::render::Area<'a>, genpdf::error::Error> {
        let (top, right, bottom, left) = MARGINS;
        let mark_style = style.with_font_size(9).bold().with_color(MARK_RED);
        let page = area.size();
        let lines = self.marks.lines();
        let line_h = mark_style.line_height(&context.font_cache);
        for (i, text) in lines.iter().enumerate() {
            let width = mark_style.str_width(&context.font_cache, text);
            let x = (page.width - width) / 2.0;
            let i = i as f64;
            area.print_str(
                &context.font_cache,
                Position::new(x, Mm::from(4.0) + line_h * i),
                mark_style,
                text,
            )?;
            let foot_y = page.height - Mm::from(bottom - 3.0) + line_h * i;
            area.print_str(
                &context.font_cache,
                Position::new(x, foot_y),
                mark_style,
                text,
            )?;
        }
        let extra_top = if lines.len() > 1 {
            line_h
        } else {
            Mm::from(0.0)
        };
        area.add_margins(Margins::trbl(
            Mm::from(top) + extra_top,
            right,
            bottom,
            left,
        ));
        Ok(area)
    }
}

/// A horizontal rule across the area, `weight` strokes thick (each stroke ~0.35 mm).
pub struct Rule {
    /// Number of parallel strokes (1 = thin, 3 = thick).
    pub weight: u8,
    /// Space above and below the rule, in mm.
    pub gap: f64,
}

impl Element for Rule {
    fn render(
        &mut self,
        _context: &Context,
        area: genpdf::render::Area<'_>,
        style: Style,
    ) -> std::result::Result<RenderResult, genpdf::error::Error> {
        let width = area.size().width;
        for i in 0..self.weight {
            let y = Mm::from(self.gap + f64::from(i) * 0.2);
            area.draw_line(vec![Position::new(0, y), Position::new(width, y)], style);
        }
        let height = self.gap * 2.0 + f64::from(self.weight) * 0.2;
        Ok(RenderResult {
            size: Size::new(width, height),
            has_more: false,
        })
    }
}

/// One line of text with a line under it (the signatory's name, the title).
pub struct Underlined {
    /// The text and its style.
    pub text: StyledString,
    /// Centre the text in the area instead of starting at the left edge.
    pub centered: bool,
}

impl Element for Underlined {
    fn render(
        &mut self,
        context: &Context,
        area: genpdf::render::Area<'_>,
        mut style: Style,
    ) -> std::result::Result<RenderResult, genpdf::error::Error> {
        style.merge(self.text.style);
        let cache = &context.font_cache;
        let width = style.str_width(cache, &self.text.s);
        let x = if self.centered {
            (area.size().width - width) / 2.0
        } else {
            Mm::from(0.0)
        };
        if !area.print_str(cache, Position::new(x, 0), style, &self.text.s)? {
            return Ok(RenderResult {
                size: Size::new(0, 0),
                has_more: true,
            });
        }
        let y = style.font(cache).glyph_height(style.font_size()) + Mm::from(0.8);
        area.draw_line(
            vec![Position::new(x, y), Position::new(x + width, y)],
            style,
        );
        Ok(RenderResult {
            size: Size::new(x + width, style.line_height(cache)),
            has_more: false,
        })
    }
}

/// The office logo (an RGB PNG, see [`crate::core::logo`]) as an element about
/// `height_mm` tall.
fn logo(png: &[u8], height_mm: f64) -> Result<Image> {
    let img = image::load_from_memory_with_format(png, image::ImageFormat::Png)
        .map_err(|e| letter_err("logo tidak dapat dibaca", e))?;
    let img = image::DynamicImage::ImageRgb8(img.to_rgb8());
    let dpi = f64::from(img.to_rgb8().height()) * 25.4 / height_mm;
    Image::from_dynamic_image(img)
        .map(|i| i.with_dpi(dpi).with_alignment(Alignment::Center))
        .map_err(|e| letter_err("logo tidak dapat disisipkan", e))
}

/// The kop surat: the office's logo (when it has one), pemda, dinas, address, phone and
/// e-mail, then a double rule.
pub fn kop(lines: &Kop) -> Result<genpdf::elements::LinearLayout> {
    let mut text = genpdf::elements::LinearLayout::vertical();
    let centered = |s: &str, style: Style| {
        Paragraph::new(StyledString::new(s, style)).aligned(Alignment::Center)
    };
    text.push(centered(
        &lines.pemda,
        Style::new().bold().with_font_size(13),
    ));
    text.push(centered(
        &lines.dinas,
        Style::new().bold().with_font_size(16),
    ));
    text.push(centered(&lines.address, Style::new().with_font_size(9)));
    if let Some(contact) = &lines.contact {
        text.push(centered(contact, Style::new().with_font_size(9)));
    }
    let mut kop = genpdf::elements::LinearLayout::vertical();
    match &lines.logo {
        Some(png) => {
            let mut table = TableLayout::new(vec![16, 68, 16]);
            table
                .row()
                .element(logo(&png.0, 22.0)?)
                .element(text)
                .element(Break::new(0.0))
                .push()
                .map_err(|e| letter_err("kop surat", e))?;
            kop.push(table);
        }
        None => kop.push(text),
    }
    kop.push(Rule {
        weight: 4,
        gap: 1.5,
    });
    kop.push(Rule {
        weight: 1,
        gap: 0.0,
    });
    Ok(kop)
}

/// A document for lists the office prints (register pages, reports): the letterhead,
/// then `title` centred in bold, pages numbered at the top right, on the office's paper
/// (turned sideways when `landscape`).
pub(crate) fn titled_document(
    settings: &Settings,
    title: &'static str,
    landscape: bool,
    font_size: u8,
    margins: Margins,
) -> Result<Document> {
    let mut doc = Document::new(font_family()?);
    doc.set_title(title);
    let (w, h) = settings.paper.size_mm();
    let (w, h) = if landscape {
        (w.max(h), w.min(h))
    } else {
        (w, h)
    };
    doc.set_paper_size(Size::new(w, h));
    doc.set_font_size(font_size);
    doc.set_line_spacing(1.1);
    doc.set_minimal_conformance();
    let mut decorator = genpdf::SimplePageDecorator::new();
    decorator.set_margins(margins);
    decorator.set_header(|page| {
        Paragraph::new(StyledString::new(
            format!("Halaman {page}"),
            Style::new().with_font_size(8),
        ))
        .aligned(Alignment::Right)
    });
    doc.set_page_decorator(decorator);
    doc.push(kop(&super::model::kop(settings))?);
    doc.push(
        Paragraph::new(StyledString::new(
            title,
            Style::new().bold().with_font_size(12),
        ))
        .aligned(Alignment::Center),
    );
    Ok(doc)
}

/// A bold red marking paragraph, centred, for the body of the letter.
pub fn mark_paragraph(text: &str, size: u8) -> Paragraph {
    Paragraph::new(StyledString::new(
        text,
        Style::new()
            .bold()
            .with_font_size(size)
            .with_color(MARK_RED),
    ))
    .aligned(Alignment::Center)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_and_a_prepared_logo_load() {
        font_family().unwrap();
        let img = image::RgbaImage::from_pixel(30, 40, image::Rgba([9, 9, 9, 128]));
        let mut png = Vec::new();
        image::DynamicImage::ImageRgba8(img)
            .write_to(&mut png, image::ImageOutputFormat::Png)
            .unwrap();
        let prepared = crate::core::logo::prepare(&png).unwrap();
        logo(&prepared.0, 20.0).unwrap();
    }

    #[test]
    fn marks_list_demo_before_draft() {
        let both = Marks {
            draft: true,
            demo: true,
        };
        assert_eq!(both.lines(), vec![DEMO_MARK, DRAFT_MARK]);
        assert!(Marks::default().lines().is_empty());
    }

    #[test]
    fn renders_a_kop_only_page() {
        let settings = Settings::default();
        let mut doc = new_document(
            &settings,
            "uji",
            Marks {
                draft: true,
                demo: true,
            },
        )
        .unwrap();
        doc.push(kop(&crate::core::letter::model::kop(&settings)).unwrap());
        doc.push(Underlined {
            text: StyledString::new("NAMA", Style::new().bold()),
            centered: true,
        });
        let pdf = finish(doc).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        assert!(pdf.len() < 150_000, "{} bytes", pdf.len());
    }
}
