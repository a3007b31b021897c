package com.jifen.publication.internal;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** The notices of 组织处理 as printable PDFs in Chinese (the font is Debian's WenQuanYi Micro Hei, embedded). */
final class NoticePdf {
  /** Where infra/ installs the CJK font; JIFEN_CJK_FONT points elsewhere. */
  static final List<String> FONTS = List.of(
      System.getenv().getOrDefault("JIFEN_CJK_FONT", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
      "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");

  private NoticePdf() {}

  record Content(Notice.Kind kind, String memberName, String branchName, int year, String grade, LocalDate issuedOn, LocalDate deadline) {}

  static byte[] render(Content c) {
    String font = FONTS.stream().filter(f -> Files.exists(Path.of(f))).findFirst()
        .orElseThrow(() -> new IllegalStateException("no CJK font installed (apt install fonts-wqy-microhei)"));
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      BaseFont base = BaseFont.createFont(font + ",0", BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
      Font title = new Font(base, 20, Font.BOLD);
      Font body = new Font(base, 13);
      Document doc = new Document(PageSize.A4, 72, 72, 72, 72);
      PdfWriter.getInstance(doc, out);
      doc.open();
      boolean warning = c.kind() == Notice.Kind.WARNING;
      Paragraph head = new Paragraph(warning ? "党员告诫通知书" : "限期整改通知书", title);
      head.setAlignment(Element.ALIGN_CENTER);
      head.setSpacingAfter(24);
      doc.add(head);
      doc.add(new Paragraph(c.memberName() + " 同志：", body));
      String text = warning
          ? "经党支部年终总评并公示，你在 %d 年度党员积分管理中被评定为“基本合格”。现对你进行告诫，请你对照党员标准，认真查找存在的问题和不足，限期进行整改。整改期限为六个月，至 %s 止。整改期满仍无明显转变的，党支部将按有关规定进行组织处理。"
              .formatted(c.year(), c.deadline())
          : "经党支部年终总评并公示，你在 %d 年度党员积分管理中被评定为“不合格”。鉴于你本人有改正错误的愿望，现责令你限期整改，党支部将指定专人帮助你整改。整改期限为一年，至 %s 止。整改期满仍无明显转变的，党支部将按有关规定进行组织处理。"
              .formatted(c.year(), c.deadline());
      Paragraph p = new Paragraph(text, body);
      p.setFirstLineIndent(26);
      p.setLeading(24);
      p.setSpacingBefore(12);
      doc.add(p);
      Paragraph sign = new Paragraph(c.branchName() + "\n" + "%d年%d月%d日".formatted(c.issuedOn().getYear(),
          c.issuedOn().getMonthValue(), c.issuedOn().getDayOfMonth()), body);
      sign.setAlignment(Element.ALIGN_RIGHT);
      sign.setSpacingBefore(48);
      doc.add(sign);
      doc.close();
      return out.toByteArray();
    } catch (IOException | com.lowagie.text.DocumentException e) {
      throw new IllegalStateException("cannot render the notice", e);
    }
  }
}
