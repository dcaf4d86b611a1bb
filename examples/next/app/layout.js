export const metadata = { title: 'emzano-elements quickstart' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <head>
        <script src="/emzano-elements/cdn/emzano-elements.iife.js" async />
      </head>
      <body>{children}</body>
    </html>
  );
}
