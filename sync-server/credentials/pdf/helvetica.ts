/**
 * Advance widths (1/1000 em) of the standard Helvetica font for printable ASCII, from
 * Adobe's Helvetica AFM. PDF viewers carry Helvetica themselves (one of the standard 14
 * fonts), so a PDF can use it without embedding anything; the widths are only needed to
 * centre and wrap text. Helvetica-Oblique has the same widths.
 */
const ASCII_WIDTHS = [
  // 0x20 space ! " # $ % & ' ( ) * + , - . /
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
  // 0 1 2 3 4 5 6 7 8 9 : ; < = > ?
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  // @ A B C D E F G H I J K L M N O
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  // P Q R S T U V W X Y Z [ \ ] ^ _
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  // ` a b c d e f g h i j k l m n o
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
  // p q r s t u v w x y z { | } ~
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/** Latin-1 punctuation the certificate texts use; accented letters take their base letter's. */
const LATIN1_WIDTHS: Record<number, number> = { 160: 278, 183: 278, 169: 737 };

/** Width in 1/1000 em of one WinAnsi byte. */
export function charWidth(byte: number): number {
  if (byte >= 0x20 && byte <= 0x7e) return ASCII_WIDTHS[byte - 0x20] ?? 556;
  const special = LATIN1_WIDTHS[byte];
  if (special !== undefined) return special;
  const base = String.fromCharCode(byte).normalize("NFD").charCodeAt(0);
  return base >= 0x20 && base <= 0x7e && base !== byte ? charWidth(base) : 556;
}
